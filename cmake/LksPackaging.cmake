# CPack: Debian packages from the install components (`cpack -G DEB` in the build folder, or
# `cmake --build build --target package`):
#   liblkstudy0      runtime: liblkstudy.so.0 (the C ABI); dependencies from dpkg-shlibdeps
#   liblkstudy-dev   headers, liblkstudy.a, the CMake package and pkg-config files
#   lkstudy          the command line
# Each carries the copyright and changelog files Debian policy asks for (cmake/debian/).
set(CPACK_PACKAGE_NAME lkstudy)
set(CPACK_PACKAGE_VENDOR "lkstudy")
set(CPACK_PACKAGE_CONTACT "lkstudy maintainers <maintainers@lkstudy.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "LiveKit tokens, webhooks, room service and study groups")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime dev)
if(TARGET lkstudy)
  list(APPEND CPACK_COMPONENTS_ALL cli)
endif()
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(LKS_DEB_VERSION "${PROJECT_VERSION}-${CPACK_DEBIAN_PACKAGE_RELEASE}")

set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME liblkstudy${PROJECT_VERSION_MAJOR})
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION "LiveKit study-group library (C ABI)
 liblkstudy mints and verifies LiveKit access tokens, receives webhooks,
 calls LiveKit's room service and runs the study-group service, behind a
 stable C ABI (lks.h).")
# The shlibs file and the ldconfig trigger of a package with a shared library (Debian policy 8.6).
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_EXTRA ${PROJECT_SOURCE_DIR}/cmake/debian/triggers)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_DEV_PACKAGE_NAME liblkstudy-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(LKS_DEB_DEV_DEPENDS "liblkstudy${PROJECT_VERSION_MAJOR} (= ${LKS_DEB_VERSION}), libssl-dev (>= 3.0), libsqlite3-dev")
if(LKS_WITH_ROOM_SERVICE)
  string(APPEND LKS_DEB_DEV_DEPENDS ", libcurl4-openssl-dev (>= 7.84) | libcurl-dev")
endif()
if(LKS_WITH_POSTGRES)
  string(APPEND LKS_DEB_DEV_DEPENDS ", libpq-dev")
endif()
if(LKS_WITH_SERVICE)
  string(APPEND LKS_DEB_DEV_DEPENDS ", libical-dev (>= 3.0)")
endif()
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "${LKS_DEB_DEV_DEPENDS}")
set(CPACK_DEBIAN_DEV_PACKAGE_SHLIBDEPS OFF)
set(CPACK_DEBIAN_DEV_DESCRIPTION "LiveKit study-group library (development files)
 Headers (lks.h and the C++ API), the static library, the CMake package
 (find_package(lkstudy)) and pkg-config files (lkstudy, lkstudy-static).")

set(CPACK_DEBIAN_CLI_PACKAGE_NAME lkstudy)
set(CPACK_DEBIAN_CLI_PACKAGE_SECTION net)
set(CPACK_DEBIAN_CLI_DESCRIPTION "LiveKit study-group command line
 lkstudy mints and verifies LiveKit tokens, listens for webhooks, calls the
 room service and serves the study-group REST API and web client.")

# /usr/share/doc/<package>/{copyright,changelog.Debian.gz} in each package.
find_program(LKS_GZIP gzip)
set(LKS_DEB_DOC_DIR ${PROJECT_BINARY_DIR}/debian-doc)
file(MAKE_DIRECTORY ${LKS_DEB_DOC_DIR})
foreach(comp runtime dev cli)
  string(TOUPPER ${comp} COMP)
  set(pkg ${CPACK_DEBIAN_${COMP}_PACKAGE_NAME})
  set(LKS_DEB_PACKAGE ${pkg})
  configure_file(${PROJECT_SOURCE_DIR}/cmake/debian/changelog.in ${LKS_DEB_DOC_DIR}/${pkg}/changelog.Debian @ONLY)
  if(LKS_GZIP)
    execute_process(COMMAND ${LKS_GZIP} -9nf ${LKS_DEB_DOC_DIR}/${pkg}/changelog.Debian)
  endif()
  install(FILES ${PROJECT_SOURCE_DIR}/cmake/debian/copyright ${LKS_DEB_DOC_DIR}/${pkg}/changelog.Debian.gz
          DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/${pkg} COMPONENT ${comp} EXCLUDE_FROM_ALL)
endforeach()

include(CPack)
