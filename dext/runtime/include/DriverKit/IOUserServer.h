/* IOUserServer: the dext process object. Nothing of it is simulated beyond what IOService offers. */
#ifndef DKSIM_DRIVERKIT_IOUSERSERVER_H
#define DKSIM_DRIVERKIT_IOUSERSERVER_H
#include <DriverKit/IOService.h>
#endif
