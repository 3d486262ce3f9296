# The word lists (core/data/*.txt, *.tsv) compiled into constant tables at build time by
# tools/gen-lexicon.py: a header in the build folder that only the lexicon stage includes. The
# generator checks the lists first, so a duplicate or contradictory entry fails the build with
# the file and line of both. It runs on the host, natively and under emcmake alike.
#
# Included from core/CMakeLists.txt: a custom command's output gets its build rule only in the
# directory whose targets list it.
find_program(LEDE_PYTHON3 NAMES python3 NO_CMAKE_FIND_ROOT_PATH REQUIRED)
set(LEDE_LEXICON_GENERATOR "${CMAKE_SOURCE_DIR}/tools/gen-lexicon.py")
set(LEDE_LEXICON_DIR "${CMAKE_CURRENT_BINARY_DIR}/generated")
set(LEDE_LEXICON_TABLES "${LEDE_LEXICON_DIR}/lexicon/generated_tables.h")
# The lists the generator reads, named by the generator itself (its table of tables is the one
# place a list is declared); configuring again when the generator changes keeps this current.
execute_process(
  COMMAND "${LEDE_PYTHON3}" "${LEDE_LEXICON_GENERATOR}" --data "${CMAKE_SOURCE_DIR}/core/data" --list
  OUTPUT_VARIABLE LEDE_LEXICON_LISTS
  RESULT_VARIABLE lede_lexicon_list_result)
if(NOT lede_lexicon_list_result EQUAL 0)
  message(FATAL_ERROR "lede: tools/gen-lexicon.py --list failed")
endif()
string(REPLACE "\n" ";" LEDE_LEXICON_LISTS "${LEDE_LEXICON_LISTS}")
list(FILTER LEDE_LEXICON_LISTS EXCLUDE REGEX "^$")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${LEDE_LEXICON_GENERATOR}")
add_custom_command(
  OUTPUT "${LEDE_LEXICON_TABLES}"
  COMMAND "${LEDE_PYTHON3}" "${LEDE_LEXICON_GENERATOR}" --data core/data --out "${LEDE_LEXICON_TABLES}"
  WORKING_DIRECTORY "${CMAKE_SOURCE_DIR}"
  DEPENDS "${LEDE_LEXICON_GENERATOR}" ${LEDE_LEXICON_LISTS}
  COMMENT "Checking the word lists in core/data and compiling them into tables"
  VERBATIM)
