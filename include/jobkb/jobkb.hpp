#pragma once

/// @file
/// Every public header of jobkb in one include. Embedders may include this or the headers they
/// use; tests/unit/public_headers_test.cpp keeps the list complete.

#include "jobkb/adhoc_sql.hpp"
#include "jobkb/aliases.hpp"
#include "jobkb/amount.hpp"
#include "jobkb/catalog.hpp"
#include "jobkb/check.hpp"
#include "jobkb/combined_reports.hpp"
#include "jobkb/comparison.hpp"
#include "jobkb/conversion.hpp"
#include "jobkb/database.hpp"
#include "jobkb/decimal.hpp"
#include "jobkb/error.hpp"
#include "jobkb/import.hpp"
#include "jobkb/knowledge_base.hpp"
#include "jobkb/migrator.hpp"
#include "jobkb/money.hpp"
#include "jobkb/name_list.hpp"
#include "jobkb/names.hpp"
#include "jobkb/occupation_codes.hpp"
#include "jobkb/onet_import.hpp"
#include "jobkb/rate_import.hpp"
#include "jobkb/record_reader.hpp"
#include "jobkb/role_import.hpp"
#include "jobkb/role_management.hpp"
#include "jobkb/search.hpp"
#include "jobkb/seeder.hpp"
#include "jobkb/titles.hpp"
#include "jobkb/version.hpp"

/// A knowledge base of job roles in one SQLite file: roles with their aliases, skills and
/// industries, and salary observations per country, kept as history.
///
/// Create or update a base with initialize_knowledge_base(), open one with
/// open_knowledge_base(), read it through a Catalog; import figures with the importer and run
/// guarded SQL with run_adhoc_sql(). Every failure is a jobkb::Error.
namespace jobkb {}
