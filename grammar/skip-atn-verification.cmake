# cmake -DFILE=<generated recognizer .cpp> -P skip-atn-verification.cmake
#
# The generated lexer and parser deserialize their ATN in a static initializer, and ANTLR's
# deserializer then verifies the ATN it built: 40 % of the deserialization, which is most of an
# empty file's process time. The ATN comes from the grammar at build time, so release builds
# (NDEBUG) skip that verification; debug and sanitizer builds keep it.
file(READ "${FILE}" _text)
set(_plain "  atn::ATNDeserializer deserializer;")
set(_options [=[
#ifdef NDEBUG
  atn::ATNDeserializationOptions deserializationOptions;
  deserializationOptions.setVerifyATN(false);
  atn::ATNDeserializer deserializer(deserializationOptions);
#else
  atn::ATNDeserializer deserializer;
#endif]=])
string(FIND "${_text}" "${_plain}" _at)
if(_at EQUAL -1)
  message(FATAL_ERROR "${FILE}: the ATN deserializer line was not found; update grammar/skip-atn-verification.cmake")
endif()
string(REPLACE "${_plain}" "${_options}" _text "${_text}")
file(WRITE "${FILE}" "${_text}")
