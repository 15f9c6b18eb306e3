#include "cli/app.hpp"

int main(int argc, char** argv) { return jobkb::cli::main(argc, argv); }
