#include <os/log.h>
#include <DriverKit/IOLib.h>

#include <stdarg.h>
#include <stdio.h>
#include <string>

#include "core/Runtime.h"

namespace dksim {

/* os_log's privacy and type annotations ("%{public}s", "%{bool}d") mean nothing to vsnprintf:
 * drop the braces so that the rest is a plain printf format. */
static std::string PlainFormat(const char *format)
{
    std::string plain;
    for (const char *p = format; *p; ++p) {
        if (p[0] == '%' && p[1] == '{') {
            const char *close = strchr(p, '}');
            if (close) {
                plain += '%';
                p = close;
                continue;
            }
        }
        plain += *p;
    }
    return plain;
}

static void Append(const char *format, va_list args)
{
    /* Checked before any formatting: with capture off a log call is nearly free. */
    if (!Runtime::get().logCapture.load(std::memory_order_relaxed)) return;
    std::string plain = PlainFormat(format);
    char stack[512];
    va_list copy;
    va_copy(copy, args);
    int length = vsnprintf(stack, sizeof stack, plain.c_str(), copy);
    va_end(copy);
    if (length < 0) return;
    std::string line;
    if ((size_t)length < sizeof stack) {
        line.assign(stack, (size_t)length);
    } else {
        line.resize((size_t)length + 1);
        vsnprintf(&line[0], line.size(), plain.c_str(), args);
        line.resize((size_t)length);
    }
    Runtime::get().appendLog(line);
}

void OsLog(os_log_t, os_log_type_t, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    Append(format, args);
    va_end(args);
}

} // namespace dksim

void IOLog(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    dksim::Append(format, args);
    va_end(args);
}
