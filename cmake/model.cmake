# The default tagger model (models/lede-ner.bin) compiled into lede_core: natively, so that the
# library and the CLI are one file each. The WebAssembly package carries it as a file of its own
# (wasm/dist/lede-ner.bin, which the JS glue reads straight into the heap): embedded, its 1.6 MB
# were read, copied by the compiler and copied again into memory at every start (createAnalyzer
# in a fresh Node process: 47 ms then, 39 ms now). The C++ source is generated at build time by
# CMake itself in script mode (cmake/embed_model.cmake), so no host program is needed under
# emcmake.
set(LEDE_MODEL_FILE "${CMAKE_SOURCE_DIR}/models/lede-ner.bin" CACHE FILEPATH "The tagger model of the library")
if(NOT EXISTS "${LEDE_MODEL_FILE}")
  message(FATAL_ERROR "lede: tagger model ${LEDE_MODEL_FILE} not found (see models/MODEL.md to train it)")
endif()
if(EMSCRIPTEN)
  set(LEDE_EMBED_MODEL_DEFAULT OFF)
else()
  set(LEDE_EMBED_MODEL_DEFAULT ON)
endif()
option(LEDE_EMBED_MODEL "Compile the tagger model into the library" ${LEDE_EMBED_MODEL_DEFAULT})
set(LEDE_MODEL_SOURCE "${CMAKE_BINARY_DIR}/generated/default_model.cpp")
if(LEDE_EMBED_MODEL)
  add_custom_command(
    OUTPUT "${LEDE_MODEL_SOURCE}"
    COMMAND "${CMAKE_COMMAND}" -DINPUT=${LEDE_MODEL_FILE} -DOUTPUT=${LEDE_MODEL_SOURCE}
            -P "${CMAKE_SOURCE_DIR}/cmake/embed_model.cmake"
    DEPENDS "${LEDE_MODEL_FILE}" "${CMAKE_SOURCE_DIR}/cmake/embed_model.cmake"
    COMMENT "Embedding the tagger model ${LEDE_MODEL_FILE}"
    VERBATIM)
  # The command's rule lives in this (the top) directory and lede_tagger in core/: a target of
  # this directory runs it (a custom command's output is only built for targets of its own
  # directory; with CMP0118 the GENERATED property is seen everywhere).
  add_custom_target(lede_default_model DEPENDS "${LEDE_MODEL_SOURCE}")
  add_dependencies(lede_tagger lede_default_model)
else()
  set(LEDE_MODEL_SOURCE "${CMAKE_BINARY_DIR}/generated/no_model.cpp")
  file(WRITE "${LEDE_MODEL_SOURCE}.tmp"
"// Written by cmake/model.cmake: this build has no embedded model (LEDE_EMBED_MODEL=OFF).
#include <cstddef>
#include <cstdint>

namespace lede {
const uint8_t* default_model_data() { return nullptr; }
size_t default_model_size() { return 0; }
}  // namespace lede
")
  # Rewritten only when different, so that a reconfigure does not rebuild the library.
  configure_file("${LEDE_MODEL_SOURCE}.tmp" "${LEDE_MODEL_SOURCE}" COPYONLY)
endif()
target_sources(lede_tagger PRIVATE "${LEDE_MODEL_SOURCE}")
