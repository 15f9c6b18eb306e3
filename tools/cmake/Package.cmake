# The installed package: the library, its public headers, jobkb::jobkb for find_package(jobkb)
# and jobkb.pc for pkg-config. The CLI library (jobkb_cli) and the internal headers
# (jobkb_internal, src/jobkb/) are never installed; bin/jobkb is installed in src/CMakeLists.txt.
include(CMakePackageConfigHelpers)

install(TARGETS jobkb EXPORT jobkbTargets
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/jobkb ${JOBKB_GENERATED_INCLUDE_DIR}/jobkb
    DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} FILES_MATCHING PATTERN "*.hpp")

set(JOBKB_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/jobkb)
install(EXPORT jobkbTargets NAMESPACE jobkb:: DESTINATION ${JOBKB_CMAKE_DIR})

# What an embedder must find to link jobkb, read from the library's link interface: a static
# jobkb needs everything it links (its private dependencies appear as $<LINK_ONLY:...>), a shared
# one only what its public headers use. For each dependency target: the find_dependency()
# arguments and the pkg-config module (or linker flags) that provide it.
function(jobkb_dependency_of target find_var pc_var)
    if(target STREQUAL "SQLiteCpp")
        # Static-only on Debian, and compiled against: at least the version built with.
        set(find "SQLiteCpp ${SQLiteCpp_VERSION}")
        set(pc "-lSQLiteCpp -pthread -ldl") # SQLiteCpp ships no .pc file
    elseif(target STREQUAL "SQLite::SQLite3")
        set(find "SQLite3")
        set(pc "sqlite3")
    elseif(target STREQUAL "fmt::fmt")
        # A static jobkb built with JOBKB_STATIC_LIBSTDCXX=OFF (the sanitizer presets); with it on,
        # fmt is compiled in (header-only), and a shared jobkb keeps it to itself.
        set(find "fmt ${fmt_VERSION}")
        set(pc "fmt")
    elseif(target STREQUAL "EXPAT::EXPAT")
        set(find "EXPAT")
        set(pc "expat")
    elseif(target STREQUAL "OpenSSL::Crypto")
        # jobkb links libcrypto statically; an embedder may link either.
        set(find "OpenSSL COMPONENTS Crypto")
        set(pc "libcrypto")
    else()
        message(FATAL_ERROR "jobkb links ${target}: say in tools/cmake/Package.cmake how an "
                            "installed jobkb finds it (find_dependency and pkg-config)")
    endif()
    set(${find_var} "${find}" PARENT_SCOPE)
    set(${pc_var} "${pc}" PARENT_SCOPE)
endfunction()

get_target_property(jobkb_interface jobkb INTERFACE_LINK_LIBRARIES)
set(JOBKB_FIND_DEPENDENCIES "")
foreach(kind IN ITEMS public private)
    set(pc_${kind}_requires "")
    set(pc_${kind}_libs "")
endforeach()
foreach(item IN LISTS jobkb_interface)
    set(kind public)
    if(item MATCHES "^\\$<LINK_ONLY:(.*)>$")
        set(item "${CMAKE_MATCH_1}")
        set(kind private)
    endif()
    if(item MATCHES "^\\$<BUILD_INTERFACE:")
        continue() # not part of the installed interface
    endif()
    jobkb_dependency_of("${item}" find pc)
    string(APPEND JOBKB_FIND_DEPENDENCIES "find_dependency(${find})\n")
    if(pc MATCHES "^-")
        list(APPEND pc_${kind}_libs "${pc}")
    else()
        list(APPEND pc_${kind}_requires "${pc}")
    endif()
endforeach()

configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/jobkbConfig.cmake.in
    ${PROJECT_BINARY_DIR}/package/jobkbConfig.cmake INSTALL_DESTINATION ${JOBKB_CMAKE_DIR})
# 0.x: a minor release may change the interface, so 0.1 is not satisfied by 0.2; from 1.0 on,
# the same major version is compatible.
if(PROJECT_VERSION_MAJOR EQUAL 0)
    set(compatibility SameMinorVersion)
else()
    set(compatibility SameMajorVersion)
endif()
write_basic_package_version_file(${PROJECT_BINARY_DIR}/package/jobkbConfigVersion.cmake
    COMPATIBILITY ${compatibility})
install(FILES ${PROJECT_BINARY_DIR}/package/jobkbConfig.cmake
    ${PROJECT_BINARY_DIR}/package/jobkbConfigVersion.cmake DESTINATION ${JOBKB_CMAKE_DIR})

# jobkb.pc finds its prefix from where it is installed (${pcfiledir}), so an install with
# `cmake --install --prefix DIR`, or one moved elsewhere, stays right.
set(JOBKB_PC_DIR ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
file(RELATIVE_PATH JOBKB_PC_TO_PREFIX ${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
string(REGEX REPLACE "/$" "" JOBKB_PC_TO_PREFIX "${JOBKB_PC_TO_PREFIX}")
list(JOIN pc_public_requires " " JOBKB_PC_REQUIRES)
list(JOIN pc_private_requires " " JOBKB_PC_REQUIRES_PRIVATE)
list(JOIN pc_public_libs " " JOBKB_PC_LIBS)
list(JOIN pc_private_libs " " JOBKB_PC_LIBS_PRIVATE)
configure_file(${CMAKE_CURRENT_LIST_DIR}/jobkb.pc.in ${PROJECT_BINARY_DIR}/package/jobkb.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/package/jobkb.pc DESTINATION ${JOBKB_PC_DIR})
