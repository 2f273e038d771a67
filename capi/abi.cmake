# The C ABI baseline (capi/abi/liblkstudy.abi, libabigail's abidw XML of liblkstudy.so) and the
# target that refreshes it. The `abi` test (tests/abi) compares the built library against it.
#   cmake --build build --target abi_baseline   # after a reviewed ABI change; commit the file
# Flags shared with tests/abi/check_abi.sh: the suppressions in capi/abi/lks.abignore keep only
# lks.h's types and lks_* functions; no paths or line numbers, hashed type ids (so the file changes
# only when the ABI does).
find_program(LKS_ABIDW abidw)
find_program(LKS_ABIDIFF abidiff)
set(LKS_ABI_BASELINE ${CMAKE_CURRENT_SOURCE_DIR}/abi/liblkstudy.abi)
set(LKS_ABIDW_FLAGS --suppressions ${CMAKE_CURRENT_SOURCE_DIR}/abi/lks.abignore
    --no-corpus-path --no-comp-dir-path --no-show-locs --type-id-style hash)
if(LKS_ABIDW AND TARGET lkstudy_shared)
  add_custom_target(abi_baseline
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_CURRENT_SOURCE_DIR}/abi
    COMMAND ${LKS_ABIDW} ${LKS_ABIDW_FLAGS} --out-file ${LKS_ABI_BASELINE} $<TARGET_FILE:lkstudy_shared>
    DEPENDS lkstudy_shared
    COMMENT "Writing the C ABI baseline capi/abi/liblkstudy.abi (commit it with the reason)"
    VERBATIM)
endif()
