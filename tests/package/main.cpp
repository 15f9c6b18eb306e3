// roles_with_skill DATABASE SKILL: creates (or brings up to date) a knowledge base seeded with the
// article's roles at DATABASE, then prints the name of every role with SKILL, one per line.
#include <jobkb/jobkb.hpp>

#include <iostream>

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: roles_with_skill DATABASE SKILL\n";
        return 2;
    }
    try {
        // Creates the file, seeded with the article's roles, or brings it up to date.
        jobkb::initialize_knowledge_base(argv[1], jobkb::Content::kArticle);
        const auto database = jobkb::open_knowledge_base(argv[1], jobkb::Access::kReadOnly);
        jobkb::Catalog catalog(*database);
        for (const auto& role : catalog.roles(jobkb::RoleFilter{.skills = {argv[2]}})) {
            std::cout << role.name << '\n';
        }
    } catch (const jobkb::Error& error) {
        std::cerr << "roles_with_skill: " << error.what() << '\n';
        return 1;
    }
    return 0;
}
