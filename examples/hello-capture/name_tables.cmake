# hello_capture_name_tables(<out_var>): the rule that compiles the IANA name tables
# (tests/vectors/tls-names/*.csv) into a source file, and that file's path in <out_var>. Used by
# the hello-capture build and by fuzz/capture_hello_fuzz.
function(hello_capture_name_tables out_var)
  set(here ${PROJECT_SOURCE_DIR}/examples/hello-capture)
  set(names_dir ${PROJECT_SOURCE_DIR}/tests/vectors/tls-names)
  set(names_csv
    ${names_dir}/cipher-suites.csv ${names_dir}/extension-types.csv
    ${names_dir}/supported-groups.csv ${names_dir}/signature-schemes.csv
    ${names_dir}/alert-descriptions.csv)
  set(names_cpp ${CMAKE_CURRENT_BINARY_DIR}/iana_name_tables.cpp)
  add_custom_command(OUTPUT ${names_cpp}
    COMMAND ${CMAKE_COMMAND} -DNAMES_DIR=${names_dir} -DOUTPUT=${names_cpp}
            -P ${here}/generate_names.cmake
    DEPENDS ${names_csv} ${here}/generate_names.cmake
    COMMENT "Generating hello-capture's IANA name tables")
  set(${out_var} ${names_cpp} PARENT_SCOPE)
endfunction()
