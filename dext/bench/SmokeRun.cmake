# cmake -DBENCHMARK=<binary> -P SmokeRun.cmake: runs every benchmark of the binary once, briefly, and
# fails when the binary fails or a benchmark reports an error (Google Benchmark still exits 0 then).
execute_process(COMMAND "${BENCHMARK}" --benchmark_min_time=0.01
                RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE errors)
message("${output}${errors}")
if(NOT result EQUAL 0)
  message(FATAL_ERROR "${BENCHMARK} exited with ${result}")
endif()
if(output MATCHES "ERROR OCCURRED")
  message(FATAL_ERROR "${BENCHMARK}: a benchmark reported an error")
endif()
