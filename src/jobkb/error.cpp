#include "jobkb/error.hpp"

namespace jobkb {
namespace {

std::string compose(const ErrorDetails& details, std::string_view hint_text) {
    std::string message;
    for (const std::string_view part :
         {std::string_view(details.path), std::string_view(details.doing),
          std::string_view(details.cause), hint_text}) {
        if (!part.empty()) {
            if (!message.empty()) {
                message += ": ";
            }
            message += part;
        }
    }
    return message;
}

} // namespace

std::string describe_hint(const Hint& hint) {
    switch (hint.kind) {
    case HintKind::kNone:
        return "";
    case HintKind::kCheck:
        return "check the file for damage";
    case HintKind::kInit:
        return "initialize it as a knowledge base first";
    case HintKind::kMigrate:
        return "migrate it first";
    case HintKind::kNewerJobkb:
        return "use a newer jobkb";
    case HintKind::kListImports:
        return "list the import batches to find it";
    case HintKind::kListAliases:
        return "list the aliases to find it";
    case HintKind::kAllowWrites:
        return "allow writes to run it";
    case HintKind::kRaiseTimeLimit:
        return "raise the time limit";
    case HintKind::kRaiseRowLimit:
        return "add a LIMIT, or raise the row limit";
    case HintKind::kRaiseSizeLimit:
        return "select less, or raise the size limit";
    case HintKind::kCreateRoles:
        return "allow creating roles, map titles to roles, or teach the name as a title of a "
               "known role";
    case HintKind::kMapColumn:
        return "map the column '" + hint.value + "' to a field, or ignore unknown columns";
    case HintKind::kSupplyField:
        return "map a column to the field " + hint.field + ", or give it one value for every row";
    case HintKind::kSkipInvalid:
        return "fix them, or import the valid rows only";
    case HintKind::kRemoveAliasFirst:
        return "remove the alias from " + hint.value + " first";
    case HintKind::kCreate:
        return "create it as a knowledge base first";
    case HintKind::kAllowSeveral:
        return "allow writes to run several in one transaction";
    case HintKind::kBindParameter:
        return "give the parameter " + hint.value + " a value";
    case HintKind::kUndoFirst:
        return "undo batch " + hint.value + " first";
    case HintKind::kChooseLayout:
        return "name the layout (ecb, ecb-daily, long, ppp or world-bank)";
    case HintKind::kConvertEncoding:
        return "convert it from " + hint.value + " to UTF-8 first";
    case HintKind::kDecimalComma:
        return "the file looks like a ;-separated CSV with decimal commas (expected a decimal "
               "point): save it with a decimal point";
    case HintKind::kRepairSearch:
        return "repair the search index";
    case HintKind::kMapTitles:
        return "map the title to one role for the import, or teach it as a title of one role";
    case HintKind::kMergeOrRename:
        return "merge " + hint.value + " into " + hint.field + ", or rename " + hint.value +
               " first";
    case HintKind::kMergeInstead:
        return "merge " + hint.value + " into another role instead";
    case HintKind::kListMerges:
        return "list the role merges to find it";
    case HintKind::kUndoMergeFirst:
        return "undo merge " + hint.value + " first";
    case HintKind::kListTitles:
        return "list the titles to find it";
    case HintKind::kCreateAreas:
        return "allow creating areas, or name a known one";
    case HintKind::kScaleAmounts:
        return "is the column in thousands? scale the amounts by " + hint.value;
    case HintKind::kAllowOutliers:
        return "if the figure is right, allow outliers";
    }
    return "";
}

Error::Error(ErrorCode code, const std::string& cause)
    : Error(code, ErrorDetails{{}, {}, cause, {}}) {}

Error::Error(ErrorCode code, const std::string& cause, Hint hint)
    : Error(code, ErrorDetails{{}, {}, cause, std::move(hint)}) {}

Error::Error(ErrorCode code, ErrorDetails details)
    : std::runtime_error(compose(details, describe_hint(details.hint))), code_(code),
      details_(std::move(details)) {}

std::string Error::message(std::string_view hint_text) const {
    return compose(details_, hint_text);
}

Error Error::with_path(std::string path) const {
    ErrorDetails details = details_;
    details.path = std::move(path);
    return Error(code_, std::move(details));
}

} // namespace jobkb
