# The builds of a dext and of the runtime it links (dext/build-dext.sh --variant):
#   release   -O2
#   asan      AddressSanitizer + UndefinedBehaviorSanitizer, aborting on the first error: memory
#             errors in the dext become findings with a report instead of silent corruption
#   cov       -O2 + SanitizerCoverage (trace-pc-guard): the dext's edges land in the fuzzer's map
#   asan-cov  both
# Flags are attached per target so the host tools (dkiig) and tests of other variants are untouched.

set(DKSIM_ALL_VARIANTS release asan cov asan-cov)

function(dksim_variant_flags target variant)
  set(options)
  cmake_parse_arguments(ARG "NO_COVERAGE" "" "" ${ARGN})
  set(compile -g -fblocks -fvisibility=hidden -fvisibility-inlines-hidden)
  set(link)
  if(variant MATCHES "asan")
    list(APPEND compile -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined)
    list(APPEND link -fsanitize=address,undefined)
  else()
    list(APPEND compile -O2)
  endif()
  if(variant MATCHES "cov" AND NOT ARG_NO_COVERAGE)
    list(APPEND compile -fsanitize-coverage=trace-pc-guard)
  endif()
  target_compile_options(${target} PRIVATE ${compile})
  target_link_options(${target} PRIVATE ${link})
endfunction()
