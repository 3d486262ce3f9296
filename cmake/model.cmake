# The default tagger model (models/lede-ner.bin) compiled into lede_core, for the native and the
# wasm build alike. The C++ source is generated at build time by CMake itself in script mode
# (cmake/embed_model.cmake), so no host program is needed under emcmake.
set(LEDE_MODEL_FILE "${CMAKE_SOURCE_DIR}/models/lede-ner.bin" CACHE FILEPATH "The tagger model embedded in the library")
if(NOT EXISTS "${LEDE_MODEL_FILE}")
  message(FATAL_ERROR "lede: tagger model ${LEDE_MODEL_FILE} not found (see models/MODEL.md to train it)")
endif()
set(LEDE_MODEL_SOURCE "${CMAKE_BINARY_DIR}/generated/default_model.cpp")
add_custom_command(
  OUTPUT "${LEDE_MODEL_SOURCE}"
  COMMAND "${CMAKE_COMMAND}" -DINPUT=${LEDE_MODEL_FILE} -DOUTPUT=${LEDE_MODEL_SOURCE}
          -P "${CMAKE_SOURCE_DIR}/cmake/embed_model.cmake"
  DEPENDS "${LEDE_MODEL_FILE}" "${CMAKE_SOURCE_DIR}/cmake/embed_model.cmake"
  COMMENT "Embedding the tagger model ${LEDE_MODEL_FILE}"
  VERBATIM)
target_sources(lede_core PRIVATE "${LEDE_MODEL_SOURCE}")
