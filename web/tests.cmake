# Tests of the web client (label web), included from tests/CMakeLists.txt when it was built: its
# sources type-check; the typed client packs, installs into a fresh project and works there.
set(LKS_WEB_SRC ${PROJECT_SOURCE_DIR}/web)
add_test(NAME web.typecheck
         COMMAND ${LKS_NODE_FOR_WEB} ${LKS_WEB_SRC}/node_modules/typescript/bin/tsc --noEmit -p
                 ${LKS_WEB_SRC}/tsconfig.json)
set_tests_properties(web.typecheck PROPERTIES LABELS web TIMEOUT 120)
add_test(NAME web.client_pack
         COMMAND ${LKS_NODE_FOR_WEB} --test --test-reporter=spec ${LKS_WEB_SRC}/client/test/pack.test.mjs)
set_tests_properties(web.client_pack PROPERTIES LABELS web TIMEOUT 300 ENVIRONMENT
  "LKS_CLI=$<TARGET_FILE:lkstudy>;LKS_WEB_CLIENT_DIR=${LKS_WEB_CLIENT_DIR};LKS_TSC=${LKS_WEB_SRC}/node_modules/typescript/bin/tsc")
