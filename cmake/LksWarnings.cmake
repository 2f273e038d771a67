# lks_project_options(target): warnings (as errors when LKS_WERROR) and sanitizers for targets
# built from lkstudy's own sources. Vendored and system code is never compiled with -Werror.
function(lks_project_options target)
  target_compile_options(${target} PRIVATE
    $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align
                              -Wunused -Woverloaded-virtual -Wimplicit-fallthrough>
    $<$<COMPILE_LANGUAGE:C>:-Wall -Wextra -Wpedantic -Wshadow>)
  if(LKS_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(LKS_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=${LKS_SANITIZE} -fno-omit-frame-pointer
                                             -fno-sanitize-recover=all)
    target_link_options(${target} PRIVATE -fsanitize=${LKS_SANITIZE})
  endif()
endfunction()
