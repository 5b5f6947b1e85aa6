# teamload_proto_library(TARGET ROOT PROTOS...): compiles the .proto files
# (paths relative to ROOT) into one library with messages and gRPC services.
function(teamload_proto_library target root)
  set(out ${CMAKE_CURRENT_BINARY_DIR})
  set(sources)
  foreach(proto ${ARGN})
    string(REGEX REPLACE "\\.proto$" "" stem ${proto})
    set(outputs ${out}/${stem}.pb.cc ${out}/${stem}.pb.h
                ${out}/${stem}.grpc.pb.cc ${out}/${stem}.grpc.pb.h)
    add_custom_command(
      OUTPUT ${outputs}
      COMMAND protobuf::protoc --proto_path=${root}
        --cpp_out=${out} --grpc_out=${out}
        --plugin=protoc-gen-grpc=$<TARGET_FILE:gRPC::grpc_cpp_plugin>
        ${root}/${proto}
      DEPENDS ${root}/${proto} protobuf::protoc gRPC::grpc_cpp_plugin
      COMMENT "protoc ${proto}")
    list(APPEND sources ${outputs})
  endforeach()
  add_library(${target} ${sources})
  target_include_directories(${target} PUBLIC ${out})
  target_link_libraries(${target} PUBLIC protobuf::libprotobuf gRPC::grpc++)
  target_compile_options(${target} PRIVATE -w)  # generated code is not ours
endfunction()
