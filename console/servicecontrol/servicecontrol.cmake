# Service state and start / stop / restart through common/platform (elevation by pkexec, UAC or osascript).
target_sources(skydns_console_lib PRIVATE
    servicecontrol/servicecontroller.h servicecontrol/servicecontroller.cpp
    servicecontrol/servicecontrolwidget.h servicecontrol/servicecontrolwidget.cpp)
