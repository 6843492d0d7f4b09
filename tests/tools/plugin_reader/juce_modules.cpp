// The two JUCE modules the reader needs (juce_core, juce_audio_basics), compiled as one
// translation unit of their own: it never changes, so ccache keeps it, and editing the reader
// does not recompile JUCE. The configuration macros come from CMakeLists.txt, the same for
// both translation units.
#include <juce_core/juce_core.cpp>
#include <juce_audio_basics/juce_audio_basics.cpp>
