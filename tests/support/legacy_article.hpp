#pragma once

#include "support/fixtures.hpp"

namespace jobkb::test {

// Makes the file at `path` a knowledge base at schema version `version` (1 or 2) holding the
// reference data and the article as jobkb loaded it before migration 0003: the seed files of
// that time (seed/article/ without role_codes.tsv), their links without a source, and the
// article's seed set recorded under an older checksum, as such a base has it. The current seeder
// cannot do this: its statements name the columns 0003 added.
void make_article_base_before_occupations(const fs::path& path, int version);

} // namespace jobkb::test
