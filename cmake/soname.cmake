include_guard(GLOBAL)
# bl_soname(VAR PREFIX NAME): the SONAME (as readelf prints it) of lib<NAME>
# among the libraries pkg_check_modules(PREFIX ...) found, for a library the
# program opens with dlopen on first use (src/base/lazylib.h) rather than
# links.
find_program(BL_READELF NAMES readelf REQUIRED)
function(bl_soname var prefix name)
  foreach(lib IN LISTS ${prefix}_LINK_LIBRARIES)
    get_filename_component(base ${lib} NAME)
    string(REPLACE "+" "\\+" pattern "lib${name}.so")
    if(base MATCHES "^${pattern}")
      execute_process(COMMAND ${BL_READELF} -d ${lib}
                      OUTPUT_VARIABLE out RESULT_VARIABLE rc)
      if(rc EQUAL 0 AND out MATCHES "\\(SONAME\\)[^\n]*\\[([A-Za-z0-9_.+-]+)\\]")
        set(${var} ${CMAKE_MATCH_1} PARENT_SCOPE)
        return()
      endif()
    endif()
  endforeach()
  message(FATAL_ERROR "no SONAME of lib${name} among ${${prefix}_LINK_LIBRARIES}")
endfunction()
