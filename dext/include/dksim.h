/*
 * dksim.h — the C ABI of the user-space DriverKit simulator.
 *
 * One library per dext (lib<Dext>.so) carries the runtime, the dext's own code and this ABI.
 * The harness uses it in-process (P/Invoke) or through dexthost, which serves exactly these
 * calls over a Unix-domain socket (wire format: dext/host/PROTOCOL.md).
 *
 * The functions model what an app reaches through IOKitLib plus the controls a test harness
 * needs (virtual clock, reset, counters, logs, coverage). Results are IOReturn values
 * (0 = kIOReturnSuccess, 0xE00002xx = kIOReturn*), exactly what IOKit would return to the app,
 * or DKSIM_MIG_ARRAY_TOO_LARGE where IOKitLib fails before the dext runs.
 *
 * Threading: every function may be called from any thread; the runtime serialises them.
 * Async completions are queued per connection and taken with dksim_take_completions or
 * dksim_wait_completions; no callback ever runs on the harness's thread.
 */
#ifndef DKSIM_H
#define DKSIM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define DKSIM_API __attribute__((visibility("default")))
#else
#define DKSIM_API
#endif

#define DKSIM_ABI_VERSION 1u

/* What IOConnectCallMethod returns when more than 16 scalars are passed (MIG_ARRAY_TOO_LARGE, -307). */
#define DKSIM_MIG_ARRAY_TOO_LARGE ((int32_t)-307)

/* kOSAsyncRef64Count and kIOMaxCallScalars-like limits the simulated kernel enforces. */
#define DKSIM_ASYNC_REF_COUNT 8u
#define DKSIM_MAX_SCALARS 16u
#define DKSIM_MAX_INBAND_STRUCT 4096u
#define DKSIM_MAX_COMPLETION_ARGS 16u

typedef uint64_t dksim_connection_t; /* 0 is never a valid connection */

enum dksim_clock_mode {
    DKSIM_CLOCK_VIRTUAL = 0, /* default: time moves only through dksim_clock_advance / run_until_idle / wait */
    DKSIM_CLOCK_REAL = 1     /* CLOCK_MONOTONIC_RAW; timers fire on a runtime thread */
};

/* One async completion as the app's callback would receive it. 160 bytes, no padding. */
typedef struct dksim_completion {
    uint64_t callback;                        /* reference[kIOAsyncCalloutFuncIndex] (= 1) of the async call */
    uint64_t refcon;                          /* reference[kIOAsyncCalloutRefconIndex] (= 2) of the async call */
    int32_t status;                           /* IOReturn passed to AsyncCompletion */
    uint32_t arg_count;                       /* 0..16 */
    uint64_t args[DKSIM_MAX_COMPLETION_ARGS]; /* first arg_count are meaningful, rest zero */
    uint64_t time_ns;                         /* simulator clock when the dext sent it */
} dksim_completion;

/* ---- identity and errors ---------------------------------------------------------------- */

DKSIM_API uint32_t dksim_abi_version(void);
/* The dext linked into this library: its bundle identifier (CFBundleIdentifier of Info.plist). */
DKSIM_API const char *dksim_dext_identifier(void);
/* Human-readable reason of the last failing call on this thread ("" when none). Never NULL. */
DKSIM_API const char *dksim_last_error(void);

/* ---- lifecycle --------------------------------------------------------------------------- */

/* Boots the simulated system and the linked dext: parses its Info.plist and entitlements,
 * matches each IOKitPersonality, instantiates IOUserClass, calls Start, which registers the service.
 * Idempotent. Called implicitly by dksim_open when not booted yet. */
DKSIM_API int32_t dksim_boot(void);
/* Closes every connection, stops and frees the dext's services, empties the registry, queues,
 * timers and completion queues, resets the virtual clock to 0 and the live-object baseline.
 * After reset the system is not booted; dksim_boot (or dksim_open) boots it again. The logs stay
 * readable until that boot empties them (what the dext logged while stopping included).
 * Must be cheap: the fuzzer calls it between inputs. */
DKSIM_API int32_t dksim_reset(void);

/* ---- service registry (IOServiceNameMatching + IOServiceGetMatchingService/Notification) -- */

/* Number of registered services whose name matches (0 when none). */
DKSIM_API int32_t dksim_count_matching(const char *service_name, uint32_t *count);
/* kIOFirstMatchNotification: arms a notification that fires for an existing service and for one
 * registered later (e.g. when dksim_boot runs after this call). Returns an id > 0. */
DKSIM_API int32_t dksim_add_match_notification(const char *service_name, uint64_t *notification);
/* How many times the notification has fired so far (services matched). */
DKSIM_API int32_t dksim_poll_match_notification(uint64_t notification, uint32_t *matched);

/* ---- connections (IOServiceOpen / IOServiceClose) --------------------------------------- */

/* Opens a user client of the first service named service_name with connection type `type`.
 * access_ids: the app's com.apple.developer.driverkit.userclient-access array (dext bundle
 * identifiers); access_count may be 0. Refused with kIOReturnNotPermitted unless the dext has
 * com.apple.developer.driverkit.allow-any-userclient-access or its identifier is listed. As in
 * xnu, the dext's NewUserClient runs before the check, and a refused user client is stopped and
 * released again (its log lines go to connection 0's log). kIOReturnNoDevice when no service matches.
 * Boots the system first if needed. */
DKSIM_API int32_t dksim_open(const char *service_name, uint32_t type, const char *const *access_ids,
                             uint32_t access_count, dksim_connection_t *connection);
/* Ends the user client (Stop, then free once the last reference is gone). Completions the dext
 * sends to it afterwards are dropped. kIOReturnNotOpen for an unknown or closed connection. */
DKSIM_API int32_t dksim_close(dksim_connection_t connection);

/* ---- calls (IOConnectCallMethod / IOConnectCallAsyncMethod) ----------------------------- */

/* Synchronous call with IOConnectCallMethod's contract:
 *   scalar_output_count: in = caller capacity (entries of scalar_output), out = count returned.
 *   struct_output_size:  in = caller capacity in bytes of struct_output, out = size returned.
 * Either pointer may be NULL to mean capacity 0. More than 16 input scalars: returns
 * DKSIM_MIG_ARRAY_TOO_LARGE and the dext never runs. Output capacity over 16 is clamped. */
DKSIM_API int32_t dksim_call_method(dksim_connection_t connection, uint32_t selector, const uint64_t *scalar_input,
                                    uint32_t scalar_input_count, const void *struct_input, uint64_t struct_input_size,
                                    uint64_t *scalar_output, uint32_t *scalar_output_count, void *struct_output,
                                    uint64_t *struct_output_size);

/* Asynchronous call (IOConnectCallAsyncMethod): like dksim_call_method, plus the async reference
 * the kernel wraps in the OSAction passed to the dext as `completion`. reference has
 * reference_count (<= 8) entries; index 1 is the app's callback, index 2 its refcon; completions
 * carry them back. */
DKSIM_API int32_t dksim_call_async_method(dksim_connection_t connection, uint32_t selector, const uint64_t *reference,
                                          uint32_t reference_count, const uint64_t *scalar_input,
                                          uint32_t scalar_input_count, const void *struct_input,
                                          uint64_t struct_input_size, uint64_t *scalar_output,
                                          uint32_t *scalar_output_count, void *struct_output,
                                          uint64_t *struct_output_size);

/* ---- async completions ------------------------------------------------------------------- */

/* Moves up to `capacity` queued completions of the connection into `out`, oldest first. */
DKSIM_API int32_t dksim_take_completions(dksim_connection_t connection, dksim_completion *out, uint32_t capacity,
                                         uint32_t *count);
/* Waits until at least one completion is queued for the connection or timeout_ns passes, then
 * takes like dksim_take_completions. Virtual clock: advances the clock deadline by deadline,
 * firing due timers, never beyond now + timeout_ns, and returns as soon as a completion is
 * queued (no real waiting). Real clock: blocks. count = 0 and kIOReturnTimeout when none came. */
DKSIM_API int32_t dksim_wait_completions(dksim_connection_t connection, uint64_t timeout_ns, dksim_completion *out,
                                         uint32_t capacity, uint32_t *count);

/* ---- clock -------------------------------------------------------------------------------- */

DKSIM_API int32_t dksim_set_clock_mode(int32_t mode);
DKSIM_API uint64_t dksim_clock_now(void); /* what clock_gettime_nsec_np(CLOCK_MONOTONIC_RAW) returns to the dext */
/* Advances the virtual clock by ns, firing every timer that falls due, in deadline order, and
 * running the dispatch queues until empty. kIOReturnNotPermitted in real-clock mode. */
DKSIM_API int32_t dksim_clock_advance(uint64_t ns);
/* Repeatedly jumps to the next pending timer deadline and fires it, until no timer is pending
 * or the clock would pass now + max_ns. advanced_ns (may be NULL) receives the time moved. */
DKSIM_API int32_t dksim_run_until_idle(uint64_t max_ns, uint64_t *advanced_ns);

/* ---- observation -------------------------------------------------------------------------- */

/* Live instances of an OSObject class (by its DriverKit name, e.g. "OSAction", "OSData",
 * "NullDriverUserClient"), counting subclasses under their own name only. 0 for unknown names. */
DKSIM_API int64_t dksim_live_objects(const char *class_name);
/* All non-zero counters as "Class=count\n" lines, sorted by class name. Returns the full length;
 * copies at most capacity-1 bytes plus a NUL terminator when capacity > 0. */
DKSIM_API uint64_t dksim_live_objects_text(char *buffer, uint64_t capacity);
/* The log (os_log / Log lines, one per line, as "[t_ns] text\n") of a connection — everything the
 * dext logged while running on its behalf — or, for connection 0, the dext's log outside any
 * connection (Start, timers of closed connections, Stop at reset). Kept after close and after
 * dksim_reset, until the next boot. Same copy
 * contract as dksim_live_objects_text. */
DKSIM_API uint64_t dksim_read_log(dksim_connection_t connection, char *buffer, uint64_t capacity);

/* Turns the capture of os_log/IOLog lines on (the default) or off for the whole library. Off, a
 * dext's log calls cost nothing: for fuzzing, where logs are read again when a finding is triaged.
 * Kept across dksim_reset. */
DKSIM_API void dksim_set_log_capture(int32_t enabled);

/* ---- HID reports ------------------------------------------------------------------------- */

/* Every IOHIDDevice::handleReport a dext made (HIDDriverKit), oldest first, kept until taken or
 * until dksim_reset; at most DKSIM_MAX_HID_REPORTS are kept, older ones being dropped (and
 * counted in dropped_before of the next one taken). */
#define DKSIM_MAX_HID_REPORTS 4096u
#define DKSIM_MAX_HID_REPORT_BYTES 65536u

typedef struct dksim_hid_report {
    uint64_t timestamp;         /* the timestamp argument as the dext passed it */
    uint64_t time_ns;           /* simulator clock when the dext called handleReport */
    uint32_t report_type;       /* IOHIDReportType: 0 input, 1 output, 2 feature (other values as passed) */
    uint32_t options;           /* the options argument */
    uint32_t report_length;     /* the reportLength argument */
    uint32_t byte_count;        /* bytes recorded: reportLength, cut to the descriptor's length and
                                   to DKSIM_MAX_HID_REPORT_BYTES */
    uint64_t descriptor_length; /* length of the report's memory descriptor (0 when it was NULL) */
    int32_t status;             /* what handleReport returned to the dext */
    uint32_t dropped_before;    /* reports dropped (over DKSIM_MAX_HID_REPORTS) just before this one */
    uint64_t device_id;         /* the posting device, as numbered in dksim_hid_device (1, 2, ... since reset) */
    char device_class[64];      /* the device's class name (its IOUserClass), NUL-terminated, cut to 63 bytes */
} dksim_hid_report;

/* Number of recorded reports not yet taken. */
DKSIM_API uint32_t dksim_hid_report_count(void);
/* Removes the oldest recorded report: fills *report and copies min(byte_count, capacity) of its
 * bytes into bytes (which may be NULL when capacity is 0). kIOReturnSuccess, kIOReturnNotFound
 * when none is recorded, kIOReturnBadArgument for a NULL report. */
DKSIM_API int32_t dksim_hid_take_report(dksim_hid_report *report, uint8_t *bytes, uint64_t capacity);

/* Every report descriptor an IOUserHIDDevice's Start obtained from newReportDescriptor, oldest first,
 * kept like reports (at most DKSIM_MAX_HID_REPORTS, until taken or reset), so that the harness can
 * judge the descriptor and the reports the device then posts against it. */
#define DKSIM_MAX_HID_DESCRIPTOR_BYTES 65536u

typedef struct dksim_hid_device {
    uint64_t device_id;         /* 1, 2, ... in the order devices first started or posted since reset */
    uint64_t time_ns;           /* simulator clock when Start obtained the descriptor */
    uint64_t descriptor_length; /* length of the OSData newReportDescriptor returned (0 when NULL) */
    uint32_t byte_count;        /* bytes recorded: descriptor_length cut to DKSIM_MAX_HID_DESCRIPTOR_BYTES */
    uint32_t has_descriptor;    /* 0 when newReportDescriptor returned NULL (Start then fails) */
    char device_class[64];      /* the device's class name (its IOUserClass), NUL-terminated, cut to 63 bytes */
} dksim_hid_device;

/* Number of recorded device starts not yet taken. */
DKSIM_API uint32_t dksim_hid_device_count(void);
/* Removes the oldest recorded device start: fills *device and copies min(byte_count, capacity) bytes of
 * its report descriptor into descriptor (NULL when capacity is 0). kIOReturnSuccess,
 * kIOReturnNotFound when none is recorded, kIOReturnBadArgument for a NULL device. */
DKSIM_API int32_t dksim_hid_take_device(dksim_hid_device *device, uint8_t *descriptor, uint64_t capacity);

/* ---- memory shared with the app (IOConnectMapMemory64 / IOConnectUnmapMemory64) ------------ */

/* What the kernel does for IOConnectMapMemory64(connect, type, mach_task_self(), &address, &size,
 * kIOMapAnywhere): runs the user client's CopyClientMemoryForType(type, &options, &memory) and maps
 * the descriptor it returns. *options receives what the dext set (DKSIM_MEMORY_READ_ONLY =
 * kIOUserClientMemoryReadOnly: the app cannot write), *map a mapping id > 0, *length the mapped
 * bytes (the descriptor's length). The mapping holds the descriptor's +1 reference the dext
 * returned until dksim_unmap_memory or the connection's close. As xnu, every failure (the dext's
 * error, no descriptor, an empty one) is kIOReturnBadArgument; dksim_last_error says which.
 * kIOReturnNotOpen for a connection that is not open. */
#define DKSIM_MEMORY_READ_ONLY 0x1u
DKSIM_API int32_t dksim_map_memory(dksim_connection_t connection, uint32_t type, uint64_t *options, uint64_t *map,
                                   uint64_t *length);
/* IOConnectUnmapMemory64: asks the dext for the type's memory again, as xnu does; unless it returns
 * the mapped descriptor, kIOReturnBadArgument and the mapping stays. */
DKSIM_API int32_t dksim_unmap_memory(uint64_t map);
/* The app's stores and loads through a mapping: kIOReturnBadArgument for an unknown mapping or a
 * range past its length, kIOReturnNotWritable for a write to a read-only mapping. */
DKSIM_API int32_t dksim_memory_write(uint64_t map, uint64_t offset, const void *bytes, uint64_t count);
DKSIM_API int32_t dksim_memory_read(uint64_t map, uint64_t offset, void *bytes, uint64_t count);

/* ---- the simulated device (USBDriverKit and PCIDriverKit providers) ---------------------- */

/* A personality whose IOProviderClass is a device class (IOUSBHostDevice, IOUSBHostInterface,
 * IOPCIDevice) starts on a simulated device. Its description is an XML property-list dictionary
 * (docs/devices.md: `family` usb|pci, identity, descriptors or configuration space, BARs, endpoints);
 * NULL or "" describes none, and the device is then made from the personality's matching keys.
 * Set it before boot (kIOReturnBusy once booted); it stays across dksim_reset. kIOReturnBadArgument
 * with the line in dksim_last_error for a malformed description. */
DKSIM_API int32_t dksim_set_device(const char *description);

/* The device data: a second input stream, consumed in order by every value the device supplies
 * (IN transfer data and lengths, register reads). Appends bytes and serves the transfers that were
 * waiting for data. Emptied at reset. kIOReturnNoSpace beyond DKSIM_MAX_DEVICE_DATA waiting bytes. */
#define DKSIM_MAX_DEVICE_DATA (1u << 20)
DKSIM_API int32_t dksim_device_feed(const uint8_t *bytes, uint64_t count);

/* Hot-unplug: transfers in flight fail, the dext's user clients on the device are terminated (calls on
 * their connections then fail with kIOReturnNotAttached; close them as usual), then the dext's
 * services on it are stopped. kIOReturnUnsupported when no personality matched a device,
 * kIOReturnNoDevice when already unplugged. Reset plugs the device back in. */
DKSIM_API int32_t dksim_device_unplug(void);

/* Raises interrupt `index` (PCI: the MSI vector) on the device: the dext's
 * IOInterruptDispatchSource for it runs its handler on its queue. kIOReturnUnsupported when no
 * device of the dext has interrupts, kIOReturnNoDevice once unplugged. */
DKSIM_API int32_t dksim_device_interrupt(uint32_t index);

/* Rules the runtime saw broken where no result code or crash would show it (pipe IO after Stop, DMA
 * left prepared), oldest first, kept until taken or reset (at most 256). */
typedef struct dksim_violation {
    char rule[48];       /* the conformance rule id, e.g. "device.io-after-stop", NUL-terminated */
    uint64_t time_ns;    /* simulator clock when it happened */
    uint64_t connection; /* the connection whose call or work broke it (0: the dext's own work) */
} dksim_violation;
DKSIM_API uint32_t dksim_violation_count(void);
/* Removes the oldest: fills *violation and copies its message (NUL-terminated, cut to capacity-1)
 * into message. kIOReturnNotFound when none is recorded, kIOReturnBadArgument for a NULL violation. */
DKSIM_API int32_t dksim_take_violation(dksim_violation *violation, char *message, uint64_t capacity);

/* ---- dispatch entries (what `conformancekit spec init` and `spec diff` read) ------------- */

/* Every IOUserClientMethodDispatch entry a dext passed to the default IOUserClient::ExternalMethod,
 * per connection and selector (the app's selector, arguments->selector), one record per distinct
 * entry with the number of calls that passed it; kept until taken or reset (at most 4096 distinct
 * ones). A call the dext answers without reaching super::ExternalMethod records nothing. */
#define DKSIM_DISPATCH_NO_ENTRY 0x1u    /* super::ExternalMethod got dispatch == NULL (check fields 0) */
#define DKSIM_DISPATCH_NO_FUNCTION 0x2u /* the entry's function is NULL */

typedef struct dksim_dispatch_entry { /* 48 bytes, no padding */
    uint64_t connection;
    uint64_t selector;
    uint32_t flags;                    /* DKSIM_DISPATCH_* */
    uint32_t check_completion_exists;  /* the entry's fields as the dext wrote them: */
    uint32_t check_scalar_input_count; /* 0xFFFFFFFF is kIOUserClientVariableStructureSize */
    uint32_t check_structure_input_size;
    uint32_t check_scalar_output_count;
    uint32_t check_structure_output_size;
    uint32_t calls;    /* calls that reached ExternalMethod with this entry since it was recorded */
    uint32_t reserved; /* 0 */
} dksim_dispatch_entry;

/* Number of recorded entries not yet taken. */
DKSIM_API uint32_t dksim_dispatch_entry_count(void);
/* Moves up to capacity recorded entries into out, first recorded first; *count receives how many.
 * kIOReturnBadArgument for a NULL count, or a NULL out with capacity > 0. */
DKSIM_API int32_t dksim_take_dispatch_entries(dksim_dispatch_entry *out, uint32_t capacity, uint32_t *count);

/* ---- coverage ----------------------------------------------------------------------------- */

/* Hands the runtime a coverage map (AFL-style, normally 65536 bytes; a size that is not a power of
 * two is used up to the largest power of two it holds). Builds with SanitizerCoverage
 * (trace-pc-guard) increment map[edge_id % size] for every edge the dext's own code executes
 * (the runtime is not instrumented: on a Mac, DriverKit and the kernel are not either);
 * edge ids are spread pseudo-randomly over the map. NULL detaches. Set it while no call runs.
 * Builds without coverage accept the call and leave the map alone; see dksim_has_coverage. */
DKSIM_API void dksim_set_coverage_map(uint8_t *map, uint32_t size);
DKSIM_API int32_t dksim_has_coverage(void);    /* 1 when built with SanitizerCoverage */
DKSIM_API uint32_t dksim_coverage_edges(void); /* number of instrumented edges (guards) */

#ifdef __cplusplus
}
#endif

#endif /* DKSIM_H */
