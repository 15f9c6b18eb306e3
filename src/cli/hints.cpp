#include "cli/hints.hpp"

#include <algorithm>

namespace jobkb::cli {

std::string shell_quoted(const std::string& text) {
    const bool plain = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-' || c == '.' || c == '/' || c == '=' || c == ':' || c == ',' ||
               c == '+' || c == '@';
    });
    if (plain) {
        return text;
    }
    std::string quoted = "'";
    for (char c : text) {
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    }
    return quoted + "'";
}

std::string cli_hint(const Hint& hint) {
    switch (hint.kind) {
    case HintKind::kNone:
        return "";
    case HintKind::kCheck:
        return "see 'jobkb check'";
    case HintKind::kInit:
        return "run 'jobkb init' to make it one";
    case HintKind::kMigrate:
        return "run 'jobkb migrate' first";
    case HintKind::kNewerJobkb:
        return "use a newer jobkb";
    case HintKind::kListImports:
        return "see 'jobkb imports'";
    case HintKind::kListAliases:
        return "see 'jobkb alias list'";
    case HintKind::kAllowWrites:
        return "pass --write to change it";
    case HintKind::kRaiseTimeLimit:
        return "raise it with --time-limit MS";
    case HintKind::kRaiseRowLimit:
        return "add a LIMIT, or raise it with --max-rows N";
    case HintKind::kRaiseSizeLimit:
        return "select less, or fewer rows with --max-rows N";
    case HintKind::kCreateRoles:
        return "add it with --create-roles, map titles with --roles-from FILE, or teach one with "
               "'jobkb title add ROLE TITLE'";
    case HintKind::kMapColumn:
        return "map it with --map " +
               shell_quoted((hint.field.empty() ? std::string("FIELD") : hint.field) + "=" +
                            hint.value) +
               " or pass --ignore-unknown";
    case HintKind::kSupplyField:
        return "map another column with --map " + hint.field +
               "=COLUMN or give a value with --set " + hint.field + "=VALUE";
    case HintKind::kSkipInvalid:
        return "fix them, or import the rest with --skip-invalid";
    case HintKind::kRemoveAliasFirst:
        return "remove it first with 'jobkb alias remove ALIAS'";
    case HintKind::kCreate:
        return "create it with 'jobkb init'";
    case HintKind::kAllowSeveral:
        return "pass --write to run several in one transaction";
    case HintKind::kBindParameter:
        return "pass -p " + shell_quoted(hint.value) + " VALUE";
    case HintKind::kUndoFirst:
        return "run 'jobkb imports undo " + hint.value + "' first";
    case HintKind::kChooseLayout:
        return "name it with --layout ecb|ecb-daily|long|ppp|world-bank";
    case HintKind::kConvertEncoding:
        return "convert it with iconv -f " + hint.value + " -t UTF-8";
    case HintKind::kDecimalComma:
        return "the file looks like a ;-separated CSV with decimal commas (expected a decimal "
               "point): save it with a decimal point, e.g. from Excel with English (US) number "
               "settings";
    case HintKind::kRepairSearch:
        return "run 'jobkb check --repair' to rebuild it";
    case HintKind::kMapTitles:
        return "map it with --roles-from FILE (a title,role CSV), or teach it with 'jobkb title "
               "add ROLE TITLE'";
    case HintKind::kMergeOrRename:
        // The commands unquoted, so that their shell-quoted names paste as they are.
        return "to make them one role, merge them with jobkb role merge " +
               shell_quoted(hint.value) + " " + shell_quoted(hint.field) +
               ", or rename it first with jobkb role rename " + shell_quoted(hint.value) + " NEW";
    case HintKind::kMergeInstead:
        return "merge it into another role instead with jobkb role merge " +
               shell_quoted(hint.value) + " ROLE";
    case HintKind::kListMerges:
        return "see 'jobkb merges'";
    case HintKind::kUndoMergeFirst:
        return "undo it first with 'jobkb merges undo " + hint.value + "'";
    case HintKind::kListTitles:
        return "see 'jobkb title list'";
    case HintKind::kCreateAreas:
        return "add it with --create-areas, or name a known one";
    case HintKind::kScaleAmounts:
        return "is the column in thousands? try --scale " + hint.value;
    case HintKind::kAllowOutliers:
        return "if the figure is right, pass --allow-outliers";
    }
    return "";
}

std::string cli_message(const Error& error) { return error.message(cli_hint(error.hint())); }

} // namespace jobkb::cli
