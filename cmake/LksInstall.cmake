# `cmake --install` rules (components runtime, dev, cli), the CMake package (lkstudyConfig.cmake,
# version file, targets lks::lkstudy and lks::lkstudy_shared), the pkg-config files, and CPack's
# Debian packages (cmake/LksPackaging.cmake). docs/embedding.md shows each way in.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)
set(LKS_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/lkstudy CACHE STRING
    "Where lkstudyConfig.cmake is installed, relative to the prefix")

# Headers: the public C++ headers of the layers this build has, lks.h and the generated version.h.
set(LKS_HEADER_EXCLUDES "")
if(NOT LKS_WITH_ROOM_SERVICE)
  list(APPEND LKS_HEADER_EXCLUDES PATTERN "http" EXCLUDE PATTERN "room_service_client.h" EXCLUDE
       PATTERN "egress_client.h" EXCLUDE PATTERN "agent_dispatch_client.h" EXCLUDE)
endif()
if(NOT LKS_WITH_SERVICE)
  list(APPEND LKS_HEADER_EXCLUDES PATTERN "study_group_service.h" EXCLUDE
       PATTERN "rest_handler.h" EXCLUDE PATTERN "study_group_api.h" EXCLUDE)
endif()
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/lks DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        COMPONENT dev FILES_MATCHING PATTERN "*.h" ${LKS_HEADER_EXCLUDES})
install(FILES ${PROJECT_BINARY_DIR}/include/lks/core/version.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/lks/core COMPONENT dev)
install(FILES ${PROJECT_SOURCE_DIR}/capi/include/lks.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        COMPONENT dev)

# Libraries. Two export sets, so a C consumer needs none of the C++ library's dependencies.
set_target_properties(lkstudy_static PROPERTIES EXPORT_NAME lkstudy)
install(TARGETS lkstudy_static EXPORT lkstudyCxxTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT lkstudyCxxTargets NAMESPACE lks:: DESTINATION ${LKS_INSTALL_CMAKEDIR} COMPONENT dev)
if(TARGET lkstudy_shared)
  install(TARGETS lkstudy_shared EXPORT lkstudyCTargets
          LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime NAMELINK_COMPONENT dev
          INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
  install(EXPORT lkstudyCTargets NAMESPACE lks:: DESTINATION ${LKS_INSTALL_CMAKEDIR} COMPONENT dev)
endif()
if(TARGET lkstudy)
  install(TARGETS lkstudy RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT cli)
endif()

# The CMake package. Compatibility: docs/api-stability.md (same major version).
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/lkstudyConfig.cmake.in
  ${PROJECT_BINARY_DIR}/lkstudyConfig.cmake INSTALL_DESTINATION ${LKS_INSTALL_CMAKEDIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/lkstudyConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/lkstudyConfig.cmake ${PROJECT_BINARY_DIR}/lkstudyConfigVersion.cmake
        DESTINATION ${LKS_INSTALL_CMAKEDIR} COMPONENT dev)

# pkg-config: lkstudy (the C ABI, shared) and lkstudy-static (C++ and C, static). Relocatable:
# the prefix is found from the .pc file's own folder, so `--prefix` at install time just works.
file(RELATIVE_PATH LKS_PC_TO_PREFIX /${CMAKE_INSTALL_LIBDIR}/pkgconfig /)
string(REGEX REPLACE "/$" "" LKS_PC_TO_PREFIX "${LKS_PC_TO_PREFIX}")
set(LKS_PC_REQUIRES_PRIVATE "openssl >= 3.0, sqlite3")
if(LKS_WITH_ROOM_SERVICE)
  string(APPEND LKS_PC_REQUIRES_PRIVATE ", libcurl >= 7.84")
endif()
if(LKS_WITH_POSTGRES)
  string(APPEND LKS_PC_REQUIRES_PRIVATE ", libpq")
endif()
if(LKS_WITH_SERVICE)
  string(APPEND LKS_PC_REQUIRES_PRIVATE ", libical >= 3.0")
endif()
foreach(pc lkstudy lkstudy-static)
  if(pc STREQUAL "lkstudy" AND NOT TARGET lkstudy_shared)
    continue()
  endif()
  configure_file(${PROJECT_SOURCE_DIR}/cmake/${pc}.pc.in ${PROJECT_BINARY_DIR}/${pc}.pc @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/${pc}.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig
          COMPONENT dev)
endforeach()

include(${PROJECT_SOURCE_DIR}/cmake/LksPackaging.cmake)
