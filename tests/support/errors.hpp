#pragma once

// The error a piece of work throws, for tests that check a refusal's code, hint and words.
#include "jobkb/error.hpp"

#include <gtest/gtest.h>

namespace jobkb::test {

// The Error `work` throws, which must have this code; a test failure (and an Error of kSqlite
// saying so) when it throws none.
template <typename Work> Error error_of(Work&& work, ErrorCode code) {
    try {
        work();
    } catch (const Error& error) {
        EXPECT_EQ(error.code(), code) << error.what();
        return error;
    }
    ADD_FAILURE() << "no error";
    return Error(ErrorCode::kSqlite, "no error");
}

} // namespace jobkb::test
