# dksim_add_dext(DIR [VARIANTS v...] [OUTPUT_DIR dir])
# The bring-your-own-dext path: builds the dext in folder DIR (its .iig, .cpp, Info.plist and
# *.entitlements) against the runtime, for each variant, into OUTPUT_DIR/<Name>/<variant>/:
#   lib<Name>.so   the runtime + the dext + the dksim C ABI (dext/include/dksim.h)
#   dexthost       the same served over a Unix socket (dext/host)
# Targets: <Name>_<variant> (the library) and dexthost_<Name>_<variant>.

set(DKSIM_DEXT_ROOT "${CMAKE_CURRENT_LIST_DIR}/..")

function(dksim_add_dext dir)
  cmake_parse_arguments(ARG "" "OUTPUT_DIR" "VARIANTS" ${ARGN})
  get_filename_component(dir "${dir}" ABSOLUTE)
  get_filename_component(name "${dir}" NAME)
  if(NOT ARG_VARIANTS)
    set(ARG_VARIANTS ${DKSIM_VARIANTS})
  endif()
  if(NOT ARG_OUTPUT_DIR)
    set(ARG_OUTPUT_DIR "${DKSIM_OUTPUT_DIR}/${name}")
  endif()
  if(NOT name MATCHES "^[A-Za-z_][A-Za-z0-9_]*$")
    message(FATAL_ERROR "${dir}: a dext folder's name must be a C identifier (it names lib<Name>.so)")
  endif()

  file(GLOB iigs CONFIGURE_DEPENDS "${dir}/*.iig")
  file(GLOB sources CONFIGURE_DEPENDS "${dir}/*.cpp")
  file(GLOB entitlements CONFIGURE_DEPENDS "${dir}/*.entitlements")
  if(NOT iigs OR NOT sources)
    message(FATAL_ERROR "${dir}: no .iig or no .cpp files: not a dext folder")
  endif()
  if(NOT EXISTS "${dir}/Info.plist")
    message(FATAL_ERROR "${dir}: Info.plist is missing")
  endif()
  list(LENGTH entitlements entitlement_count)
  if(entitlement_count GREATER 1)
    message(FATAL_ERROR "${dir}: more than one .entitlements file")
  endif()

  # The .iig step: Name.iig -> Name.h (what the .cpp includes) + Name.iig.cpp.
  set(gen "${CMAKE_CURRENT_BINARY_DIR}/dexts/${name}/generated")
  set(generated)
  foreach(iig ${iigs})
    get_filename_component(stem "${iig}" NAME_WE)
    add_custom_command(
      OUTPUT "${gen}/${stem}.h" "${gen}/${stem}.iig.cpp"
      COMMAND ${CMAKE_COMMAND} -E make_directory "${gen}"
      COMMAND dkiig --input "${iig}" --header "${gen}/${stem}.h" --impl "${gen}/${stem}.iig.cpp"
      DEPENDS dkiig "${iig}"
      COMMENT "dkiig ${name}/${stem}.iig"
      VERBATIM)
    list(APPEND generated "${gen}/${stem}.iig.cpp" "${gen}/${stem}.h")
  endforeach()
  add_custom_command(
    OUTPUT "${gen}/${name}_image.cpp"
    COMMAND ${CMAKE_COMMAND} -DINFO=${dir}/Info.plist -DENTITLEMENTS=${entitlements}
            -DOUTPUT=${gen}/${name}_image.cpp -P "${DKSIM_DEXT_ROOT}/cmake/EmbedImage.cmake"
    DEPENDS "${dir}/Info.plist" ${entitlements} "${DKSIM_DEXT_ROOT}/cmake/EmbedImage.cmake"
    COMMENT "embedding ${name}'s Info.plist and entitlements"
    VERBATIM)
  list(APPEND generated "${gen}/${name}_image.cpp")

  file(GLOB host_sources CONFIGURE_DEPENDS "${DKSIM_DEXT_ROOT}/host/src/*.cpp")
  foreach(variant ${ARG_VARIANTS})
    set(lib ${name}_${variant})
    add_library(${lib} SHARED ${sources} ${generated})
    target_include_directories(${lib} PRIVATE "${gen}" "${dir}")
    target_link_libraries(${lib} PRIVATE "$<LINK_LIBRARY:WHOLE_ARCHIVE,dkruntime_${variant}>" ${DKSIM_BLOCKS_RUNTIME} pthread)
    target_include_directories(${lib} PUBLIC ${DKSIM_RUNTIME_INCLUDES})
    # Apple-style sources: out-of-order array designators (the dispatch table) are a clang extension.
    target_compile_options(${lib} PRIVATE -Wno-c99-designator)
    dksim_variant_flags(${lib} ${variant})
    set_target_properties(${lib} PROPERTIES OUTPUT_NAME ${name}
      LIBRARY_OUTPUT_DIRECTORY "${ARG_OUTPUT_DIR}/${variant}")

    if(host_sources)
      set(host dexthost_${name}_${variant})
      add_executable(${host} ${host_sources})
      target_include_directories(${host} PRIVATE "${DKSIM_DEXT_ROOT}/include" "${DKSIM_DEXT_ROOT}/host/src")
      target_link_libraries(${host} PRIVATE ${lib} pthread)
      dksim_variant_flags(${host} ${variant} NO_COVERAGE)
      set_target_properties(${host} PROPERTIES OUTPUT_NAME dexthost
        RUNTIME_OUTPUT_DIRECTORY "${ARG_OUTPUT_DIR}/${variant}"
        BUILD_RPATH "$ORIGIN" INSTALL_RPATH "$ORIGIN")
    endif()
  endforeach()
endfunction()
