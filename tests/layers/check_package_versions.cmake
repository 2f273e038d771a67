# Fails when a package.json of the project states a version other than project(VERSION):
# the Node binding's package is released with the library it wraps.
#   cmake -DVERSION=<x.y.z> -DROOT=<source dir> -P check_package_versions.cmake
set(bad "")
foreach(pkg bindings/node/package.json)
  file(READ ${ROOT}/${pkg} text)
  string(JSON v GET "${text}" version)
  if(NOT v STREQUAL VERSION)
    list(APPEND bad "${pkg} says ${v}")
  endif()
endforeach()
if(bad)
  message(FATAL_ERROR "project(VERSION) is ${VERSION} but ${bad}")
endif()
message(STATUS "package versions: ${VERSION}")
