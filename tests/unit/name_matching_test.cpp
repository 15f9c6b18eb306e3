// The words suggestions compare and how spellings are ranked (src/jobkb/name_matching.cpp).
#include "jobkb/name_matching.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace jobkb::detail {
namespace {

using Words = std::vector<std::string>;

TEST(ComparableWords, SpellOutAbbreviationsDropSeniorityAndMakePluralsSingular) {
    EXPECT_EQ(comparable_words("ML Engineer", WordRules::kJobs),
              (Words{"machine", "learning", "engineer"}));
    EXPECT_EQ(comparable_words("Engineer, Machine Learning", WordRules::kJobs),
              (Words{"engineer", "machine", "learning"}));
    EXPECT_EQ(comparable_words("Sr. Data Scientists", WordRules::kJobs),
              (Words{"data", "science"}));
    EXPECT_EQ(comparable_words("Head of Data Science", WordRules::kJobs),
              (Words{"data", "science"}));
    EXPECT_EQ(comparable_words("Data Scientist II", WordRules::kJobs), (Words{"data", "science"}));
    EXPECT_EQ(comparable_words("NLP engineers", WordRules::kJobs),
              (Words{"natural", "language", "processing", "engineer"}));
    EXPECT_EQ(comparable_words("Data Engineering Manager", WordRules::kJobs),
              (Words{"data", "engineer", "manager"}));
    EXPECT_EQ(comparable_words("Analytics", WordRules::kJobs), (Words{"analyst"}));
    EXPECT_EQ(comparable_words("C++ and C#", WordRules::kJobs), (Words{"c++", "c#"}));
    EXPECT_EQ(comparable_words("Technologies", WordRules::kJobs), (Words{"technology"}));
    EXPECT_EQ(comparable_words("Analysis Status Class", WordRules::kPlaces),
              (Words{"analysis", "status", "class"}));
    // A name of seniority or little words alone keeps them: it is what the name says.
    EXPECT_EQ(comparable_words("Lead", WordRules::kJobs), (Words{"lead"}));
    EXPECT_EQ(comparable_words("AND", WordRules::kPlaces), (Words{"and"}));
    // Places are not job vocabulary: "CV" is Cabo Verde's code, not computer vision.
    EXPECT_EQ(comparable_words("CV", WordRules::kPlaces), (Words{"cv"}));
    EXPECT_EQ(comparable_words("Korea, Republic of", WordRules::kPlaces),
              (Words{"korea", "republic"}));
    EXPECT_EQ(comparable_words("  ,;- ", WordRules::kJobs), Words{});
}

TEST(ComparableWords, StayBoundedForAnyName) {
    std::string many;
    for (int i = 0; i < 10'000; ++i) {
        many += "word" + std::to_string(i) + " ";
    }
    EXPECT_EQ(comparable_words(many, WordRules::kJobs).size(), kMaxWords);
    const auto one = comparable_words(std::string(1 << 20, 'q'), WordRules::kJobs);
    ASSERT_EQ(one.size(), 1u);
    EXPECT_EQ(one[0].size(), kMaxWordBytes);
}

TEST(TranspositionDistance, CountsASwapOfNeighboursOnceAndGivesUpPastTheLimit) {
    EXPECT_EQ(transposition_distance("indai", "india", 3), 1u);
    EXPECT_EQ(transposition_distance("pyton", "Python", 3), 1u);
    EXPECT_EQ(transposition_distance("kitten", "sitting", 5), 3u);
    EXPECT_EQ(transposition_distance("", "abc", 5), 3u);
    EXPECT_EQ(transposition_distance("abcdefgh", "zzzzzzzz", 2), 3u) << "limit + 1";
    EXPECT_EQ(transposition_distance("a", std::string(1000, 'b'), 2), 3u);
}

class Index : public ::testing::Test {
protected:
    const Words names_ = {"AI/ML Research Scientist",  "Big Data Engineer",       "Data Scientist",
                          "Machine Learning Engineer", "MLOps Engineer",          "NLP Engineer",
                          "Computer Vision Engineer",  "Big Data Engineer for ML"};
    SpellingIndex index_{WordRules::kJobs};

    void SetUp() override {
        for (std::uint32_t i = 0; i < names_.size(); ++i) {
            index_.add(names_[i], i);
        }
    }

    Words closest(std::string_view wanted, std::size_t limit = 3) {
        Words found;
        for (const auto target : index_.closest(wanted, limit)) {
            found.push_back(names_[target]);
        }
        return found;
    }
};

TEST_F(Index, RanksByTheWordsTheNamesShare) {
    EXPECT_EQ(closest("ML Engineer").at(0), "Machine Learning Engineer");
    EXPECT_EQ(closest("Senior Data Scientist"), Words{"Data Scientist"});
    EXPECT_EQ(closest("Engineer, Machine Learning").at(0), "Machine Learning Engineer");
    EXPECT_EQ(closest("Data Scientis"), Words{"Data Scientist"});
    EXPECT_EQ(closest("Research Scientist"), Words{"AI/ML Research Scientist"});
    EXPECT_EQ(closest("CV Engineer").at(0), "Computer Vision Engineer");
    EXPECT_EQ(closest("xyzzy plugh"), Words{});
    EXPECT_EQ(closest("ML Engineer", 1).size(), 1u);
    EXPECT_EQ(closest("ML Engineer", 0), Words{});
}

TEST_F(Index, AnAliasThatIsTheSameWordsCountsOnce) {
    const std::size_t before = index_.size();
    index_.add("Data Scientists", 2);
    index_.add("data scientist", 2);
    EXPECT_EQ(index_.size(), before);
    index_.add("Data Scientists", 3); // the same words for another target do count
    EXPECT_EQ(index_.size(), before + 1);
}

// A base of O*NET's size: tens of thousands of titles. Each lookup compares the wanted words with
// the distinct words once and scores only the titles that share one, so a few hundred unknown
// names stay well within a second or two even here.
TEST(SpellingIndexScale, ManyUnknownNamesAgainstManySpellingsStayQuick) {
    SpellingIndex index(WordRules::kJobs);
    const Words words = {"data",     "analyst",  "engineer", "manager",   "software", "systems",
                         "research", "clinical", "sales",    "marketing", "network",  "security"};
    std::uint32_t target = 0;
    for (std::size_t a = 0; a < words.size(); ++a) {
        for (std::size_t b = 0; b < words.size(); ++b) {
            for (int n = 0; n < 400; ++n) {
                index.add(words[a] + " " + words[b] + " specialist" + std::to_string(n), target++);
            }
        }
    }
    ASSERT_GT(index.size(), 50'000u);
    const auto started = std::chrono::steady_clock::now();
    for (int i = 0; i < 200; ++i) {
        index.closest("Senior Dta Analist " + std::to_string(i), 3);
    }
    index.closest(std::string(1 << 20, 'x'), 3);
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(20));
}

} // namespace
} // namespace jobkb::detail
