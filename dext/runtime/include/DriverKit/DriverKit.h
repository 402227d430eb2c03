/* Umbrella header: the DriverKit subset the ConformanceKit runtime provides. */
#ifndef DKSIM_DRIVERKIT_DRIVERKIT_H
#define DKSIM_DRIVERKIT_DRIVERKIT_H
#include <DriverKit/IOReturn.h>
#include <DriverKit/IOTypes.h>
#include <DriverKit/IOLib.h>
#include <DriverKit/OSObject.h>
#include <DriverKit/OSData.h>
#include <DriverKit/OSCollections.h>
#include <DriverKit/OSSharedPtr.h>
#include <DriverKit/OSAction.h>
#include <DriverKit/IODispatchQueue.h>
#include <DriverKit/IODispatchSource.h>
#include <DriverKit/IOTimerDispatchSource.h>
#include <DriverKit/IODataQueueDispatchSource.h>
#include <DriverKit/IOInterruptDispatchSource.h>
#include <DriverKit/IOMemoryDescriptor.h>
#include <DriverKit/IOBufferMemoryDescriptor.h>
#include <DriverKit/IOMemoryMap.h>
#include <DriverKit/IODMACommand.h>
#include <DriverKit/IOService.h>
#include <DriverKit/IOUserClient.h>
#include <os/log.h>
#endif
