# jobkb_embed(OUTPUT file.cpp FUNCTION name BASE dir FILES f...)
# Generates a C++ source that defines jobkb::detail::<name>(): the files' bytes, named by their
# path relative to BASE, so the binary carries its migrations and seed data with it.
set(JOBKB_EMBED_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/EmbedFiles.cmake)

function(jobkb_embed)
    cmake_parse_arguments(ARG "" "OUTPUT;FUNCTION;BASE" "FILES" ${ARGN})
    list(SORT ARG_FILES)
    add_custom_command(
        OUTPUT ${ARG_OUTPUT}
        COMMAND ${CMAKE_COMMAND} -DOUTPUT=${ARG_OUTPUT} -DFUNCTION=${ARG_FUNCTION}
                -DBASE=${ARG_BASE} "-DFILES=${ARG_FILES}" -P ${JOBKB_EMBED_SCRIPT}
        DEPENDS ${ARG_FILES} ${JOBKB_EMBED_SCRIPT}
        COMMENT "Embedding ${ARG_FUNCTION}"
        VERBATIM)
endfunction()
