# Sub-commands of the skydns binary (service/commands/command.h). Each command adds its file here.
target_sources(skydns_service_lib PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/command.h
    ${CMAKE_CURRENT_LIST_DIR}/commands.cpp
    ${CMAKE_CURRENT_LIST_DIR}/migrate.cpp
    ${CMAKE_CURRENT_LIST_DIR}/servicecommand.cpp
    ${CMAKE_CURRENT_LIST_DIR}/registry.h
    ${CMAKE_CURRENT_LIST_DIR}/registry.cpp
    ${CMAKE_CURRENT_LIST_DIR}/register.cpp
    ${CMAKE_CURRENT_LIST_DIR}/resolvercommand.cpp)
target_include_directories(skydns_service_lib PUBLIC ${CMAKE_CURRENT_LIST_DIR})
