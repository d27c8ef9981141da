# Local discovery in the console: the register dialog and the "Use for this computer" switch.
target_sources(skydns_console_lib PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/registerdialog.h ${CMAKE_CURRENT_LIST_DIR}/registerdialog.cpp
    ${CMAKE_CURRENT_LIST_DIR}/resolverswitch.h ${CMAKE_CURRENT_LIST_DIR}/resolverswitch.cpp)
