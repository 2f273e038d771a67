// The REST API's OpenAPI 3.1 document (docs/openapi.yaml), compiled in so that `lkstudy serve`
// answers GET /api/openapi.yaml with exactly the file of the sources it was built from.
#ifndef LKS_SRC_CLI_OPENAPI_SPEC_H_
#define LKS_SRC_CLI_OPENAPI_SPEC_H_

#include <string_view>

namespace lks::cli {

// The bytes of docs/openapi.yaml. Thread-safe (a constant).
std::string_view OpenApiYaml() noexcept;

}  // namespace lks::cli

#endif  // LKS_SRC_CLI_OPENAPI_SPEC_H_
