# SPDX-License-Identifier: GPL-3.0-or-later
# Compile options shared by every Gengbao target: warnings, sanitizers, and the strict Qt string
# macros (with GBK input, implicit const char* -> QString conversions are where mojibake starts).

function(gengbao_set_compile_options target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
    if(GENGBAO_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
    if(GENGBAO_SANITIZE)
        target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer)
        target_link_options(${target} PRIVATE -fsanitize=address,undefined)
    endif()
endfunction()

function(gengbao_set_qt_definitions target)
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_URL_CAST_FROM_STRING QT_NO_FOREACH
        QT_DISABLE_DEPRECATED_BEFORE=0x060400)
endfunction()

# Fails the configure step if a target links any Qt module, directly or through its link
# interface. src/core must stay plain C++ (architecture.md, principle 1).
function(gengbao_forbid_qt target)
    get_target_property(libs ${target} LINK_LIBRARIES)
    get_target_property(ilibs ${target} INTERFACE_LINK_LIBRARIES)
    if(NOT libs)
        set(libs "")
    endif()
    if(NOT ilibs)
        set(ilibs "")
    endif()
    foreach(lib IN LISTS libs ilibs)
        if(lib MATCHES "Qt[0-9]*::" OR lib MATCHES "Qt[0-9]+(Core|Gui|Widgets)")
            message(FATAL_ERROR "${target} must not link Qt, but links ${lib}")
        endif()
    endforeach()
endfunction()
