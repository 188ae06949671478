# Checks the engine's LibTorch naming convention (see the top of src/engine/CMakeLists.txt).
# Used two ways:
#   include(torchcheck.cmake) at configure time: defines attn_engine_torch_check(dir violations_var).
#   cmake -DENGINE_DIR=... -DSTAMP=... -P torchcheck.cmake at build time: fails with a message.
#
# A file "uses torch" when it includes <torch/...>, <ATen/...>, <c10/...> or <caffe2/...>, or includes (as
# "engine/...") an engine header that uses torch. Such a file must be named *_torch.cpp / *_torch.h.

cmake_policy(SET CMP0057 NEW)

function(attn_engine_torch_check dir out)
    file(GLOB_RECURSE files RELATIVE ${dir} ${dir}/*.cpp ${dir}/*.h)
    set(torchy "")
    foreach(f ${files})
        file(STRINGS ${dir}/${f} lines REGEX "^[ \t]*#[ \t]*include")
        set(deps_${f} "")
        foreach(line ${lines})
            if(line MATCHES "#[ \t]*include[ \t]*<(torch|ATen|c10|caffe2)/")
                if(NOT f IN_LIST torchy)
                    list(APPEND torchy ${f})
                endif()
                set(why_${f} "includes ${CMAKE_MATCH_1} headers")
            elseif(line MATCHES "#[ \t]*include[ \t]*\"engine/([^\"]+)\"")
                list(APPEND deps_${f} ${CMAKE_MATCH_1})
            endif()
        endforeach()
    endforeach()
    # Spread "uses torch" along the includes until nothing changes.
    set(changed TRUE)
    while(changed)
        set(changed FALSE)
        foreach(f ${files})
            if(NOT f IN_LIST torchy)
                foreach(d ${deps_${f}})
                    if(d IN_LIST torchy)
                        list(APPEND torchy ${f})
                        set(why_${f} "includes engine/${d}, which uses LibTorch")
                        set(changed TRUE)
                        break()
                    endif()
                endforeach()
            endif()
        endforeach()
    endwhile()
    set(violations "")
    foreach(f ${torchy})
        if(NOT f MATCHES "_torch\\.(cpp|h)$")
            list(APPEND violations "src/engine/${f} ${why_${f}} but is not named *_torch.cpp / *_torch.h")
        endif()
    endforeach()
    set(${out} "${violations}" PARENT_SCOPE)
endfunction()

if(CMAKE_SCRIPT_MODE_FILE AND ENGINE_DIR)
    attn_engine_torch_check(${ENGINE_DIR} violations)
    if(violations)
        list(JOIN violations "\n  " text)
        message(FATAL_ERROR "LibTorch naming convention (src/engine/CMakeLists.txt, top comment):\n  ${text}\n"
                            "Rename the file (git mv x.cpp x_torch.cpp): *_torch.cpp files build into "
                            "attnscope_engine_torch; the light attnscope-cli must not load LibTorch.")
    endif()
    file(TOUCH ${STAMP})
endif()
