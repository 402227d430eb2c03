/*
 * The engine's ceiling: an AFL++ persistent-mode target that reads its input from stdin, as the
 * SharpFuzz target does, and does nothing with it. afl-fuzz's exec/s on it is the most this
 * machine's afl-fuzz can drive through one pinned core with this input delivery; bench/fuzz/
 * campaign-bench.sh compares our target's exec/s with it. Built with AFL++'s compiler wrapper
 * (afl-clang-fast), which supplies __AFL_LOOP and the fork server.
 */
#include <stdio.h>
#include <unistd.h>

#ifndef __AFL_LOOP
#error "build with AFL++'s compiler wrapper (afl-clang-fast or afl-cc), which defines __AFL_LOOP"
#endif

int main(void)
{
    static unsigned char buffer[1 << 16];

    /* afl-fuzz rewrites and rewinds the stdin file between runs; each turn of the loop reads the
       current input to its end, which is all a run is. */
    while (__AFL_LOOP(100000)) {
        while (read(0, buffer, sizeof buffer) > 0) {}
    }
    return 0;
}
