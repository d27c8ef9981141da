# Service control panel (console/servicecontrol): a scripted ProcessRunner stands in for systemctl,
# sc.exe, launchctl and the elevation prompts.
skydns_add_test(NAME tst_servicecontrolwidget SOURCES tst_servicecontrolwidget.cpp
                LIBS skydns_console_lib Qt6::Widgets TIMEOUT 60)
