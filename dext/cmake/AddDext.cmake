# dksim_add_dext(DIR [VARIANTS v...] [OUTPUT_DIR dir] [PLAN plan])
# The bring-your-own-dext path: builds the dext in folder DIR (its .iig, .cpp, Info.plist and
# *.entitlements) against the runtime, for each variant, into OUTPUT_DIR/<Name>/<variant>/:
#   lib<Name>.so   the runtime + the dext + the dksim C ABI (dext/include/dksim.h)
#   dexthost       the same served over a Unix socket (dext/host)
# Targets: <Name>_<variant> (the library) and dexthost_<Name>_<variant>.
#
# PLAN (default: the cache variable DKSIM_DEXT_PLAN, which dext/build-dext.sh sets for its one dext)
# is a build plan folder written by ConformanceKit's C# code (harness/Core/Targets/DextPlanWriter.cs):
# its plan.cmake names the .iig files, sources and include folders — the spec's sources: and include:
# lists, or the folder's own files — and Info.plist and the entitlements to embed, with their Xcode
# build settings already expanded. Including it makes CMake reconfigure when it changes. Without a
# plan (dext/tests, the reference dexts in run-tests.sh) the folder's top-level .iig and .cpp files,
# Info.plist and its one *.entitlements are built and embedded as they are.

set(DKSIM_DEXT_ROOT "${CMAKE_CURRENT_LIST_DIR}/..")

# dksim_generate_iig(OUT_VAR GEN_DIR LABEL IIG...): runs dkiig on each .iig into GEN_DIR (Name.h,
# which the sources include, and Name.iig.cpp) and sets OUT_VAR to the generated files. Used for every
# dext and for the runtime suites of dext/tests that declare classes in .iig files of their own.
function(dksim_generate_iig out_var gen label)
  set(generated)
  foreach(iig ${ARGN})
    get_filename_component(stem "${iig}" NAME_WE)
    add_custom_command(
      OUTPUT "${gen}/${stem}.h" "${gen}/${stem}.iig.cpp"
      COMMAND ${CMAKE_COMMAND} -E make_directory "${gen}"
      COMMAND dkiig --input "${iig}" --header "${gen}/${stem}.h" --impl "${gen}/${stem}.iig.cpp"
      DEPENDS dkiig "${iig}"
      COMMENT "dkiig ${label}/${stem}.iig"
      VERBATIM)
    list(APPEND generated "${gen}/${stem}.iig.cpp" "${gen}/${stem}.h")
  endforeach()
  set(${out_var} ${generated} PARENT_SCOPE)
endfunction()

function(dksim_add_dext dir)
  cmake_parse_arguments(ARG "" "OUTPUT_DIR;PLAN" "VARIANTS" ${ARGN})
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

  if(NOT ARG_PLAN AND DKSIM_DEXT_PLAN)
    list(LENGTH DKSIM_DEXTS dext_count)
    if(NOT dext_count EQUAL 1)
      message(FATAL_ERROR "DKSIM_DEXT_PLAN needs exactly one dext in DKSIM_DEXTS")
    endif()
    set(ARG_PLAN "${DKSIM_DEXT_PLAN}")
  endif()

  if(ARG_PLAN)
    include("${ARG_PLAN}/plan.cmake")
    set(iigs ${DKSIM_PLAN_IIGS})
    set(sources ${DKSIM_PLAN_SOURCES})
    set(includes ${DKSIM_PLAN_INCLUDES})
    set(info "${DKSIM_PLAN_INFO}")
    set(info_name "${DKSIM_PLAN_INFO_NAME}")
    set(entitlements "${DKSIM_PLAN_ENTITLEMENTS}")
    set(entitlements_name "${DKSIM_PLAN_ENTITLEMENTS_NAME}")
    # A sources: list may name .cp and .c++ files, which CMake does not take for C++ by their name.
    foreach(source ${sources})
      if(source MATCHES "\\.(cp|c\\+\\+)$")
        set_source_files_properties("${source}" PROPERTIES LANGUAGE CXX)
      endif()
    endforeach()
  else()
    file(GLOB iigs CONFIGURE_DEPENDS "${dir}/*.iig")
    file(GLOB sources CONFIGURE_DEPENDS "${dir}/*.cpp")
    file(GLOB entitlements CONFIGURE_DEPENDS "${dir}/*.entitlements")
    set(includes "${dir}")
    set(info "${dir}/Info.plist")
    set(info_name "${info}")
    set(entitlements_name "${entitlements}")
    # A CMake project's templates, configured as its own CMakeLists would (configure_file @ONLY, from
    # the caller's variables): Info.plist.in when there is no Info.plist, and each header template
    # (Name.h.in, Name.hpp.in) whose header is not checked in beside it. With a plan, ConformanceKit
    # has configured them from the spec's build: settings instead (harness/Core/Targets/ConfigureTemplate.cs).
    set(configured "${CMAKE_CURRENT_BINARY_DIR}/dexts/${name}/configured")
    if(NOT EXISTS "${info}" AND EXISTS "${info}.in")
      set(info_name "${info}.in")
      set(info "${configured}/Info.plist")
      configure_file("${info_name}" "${info}" @ONLY)
    endif()
    file(GLOB header_templates CONFIGURE_DEPENDS "${dir}/*.h.in" "${dir}/*.hpp.in")
    foreach(template ${header_templates})
      get_filename_component(header "${template}" NAME)
      string(REGEX REPLACE "\\.in$" "" header "${header}")
      if(NOT EXISTS "${dir}/${header}")
        configure_file("${template}" "${configured}/${header}" @ONLY)
        list(APPEND includes "${configured}")
      endif()
    endforeach()
    list(REMOVE_DUPLICATES includes)
  endif()
  if(NOT iigs OR NOT sources)
    message(FATAL_ERROR "${dir}: no .iig or no .cpp files: not a dext folder")
  endif()
  if(NOT EXISTS "${info}")
    message(FATAL_ERROR "${dir}: Info.plist is missing")
  endif()
  list(LENGTH entitlements entitlement_count)
  if(entitlement_count GREATER 1)
    message(FATAL_ERROR "${dir}: more than one .entitlements file")
  endif()

  # The .iig step: Name.iig -> Name.h (what the .cpp includes) + Name.iig.cpp.
  set(gen "${CMAKE_CURRENT_BINARY_DIR}/dexts/${name}/generated")
  dksim_generate_iig(generated "${gen}" ${name} ${iigs})
  add_custom_command(
    OUTPUT "${gen}/${name}_image.cpp"
    COMMAND ${CMAKE_COMMAND} -DINFO=${info} -DINFO_NAME=${info_name}
            -DENTITLEMENTS=${entitlements} -DENTITLEMENTS_NAME=${entitlements_name}
            -DOUTPUT=${gen}/${name}_image.cpp -P "${DKSIM_DEXT_ROOT}/cmake/EmbedImage.cmake"
    DEPENDS "${info}" ${entitlements} "${DKSIM_DEXT_ROOT}/cmake/EmbedImage.cmake"
    COMMENT "embedding ${name}'s Info.plist and entitlements"
    VERBATIM)
  list(APPEND generated "${gen}/${name}_image.cpp")

  file(GLOB host_sources CONFIGURE_DEPENDS "${DKSIM_DEXT_ROOT}/host/src/*.cpp")
  foreach(variant ${ARG_VARIANTS})
    set(lib ${name}_${variant})
    add_library(${lib} SHARED ${sources} ${generated})
    target_include_directories(${lib} PRIVATE "${gen}" ${includes})
    target_link_libraries(${lib} PRIVATE "$<LINK_LIBRARY:WHOLE_ARCHIVE,dkruntime_${variant}>" ${DKSIM_BLOCKS_RUNTIME} pthread)
    target_include_directories(${lib} PUBLIC ${DKSIM_RUNTIME_INCLUDES})
    # Apple-style sources: out-of-order array designators (the dispatch table) are a clang extension;
    # what Apple's toolchain predefines for DriverKit comes from the prefix header.
    target_compile_options(${lib} PRIVATE -Wno-c99-designator -include "${DKSIM_DEXT_ROOT}/runtime/prefix/DextPrefix.h")
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
