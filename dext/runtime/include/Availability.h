/* Availability.h: DriverKit .iig files include it; availability attributes mean nothing here. */
#ifndef DKSIM_AVAILABILITY_H
#define DKSIM_AVAILABILITY_H
#endif
