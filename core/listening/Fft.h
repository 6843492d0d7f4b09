#pragma once

#include <vector>

struct fftwf_plan_s;

namespace aiband {

// A real-input FFT of one size (FFTW, single precision), with its buffers. The plan is made once,
// in the constructor; FFTW's planner is not thread-safe, so construction and destruction are
// serialised, while transforms of different RealFft objects may run on several threads.
class RealFft {
public:
    explicit RealFft(int size);
    ~RealFft();
    RealFft(const RealFft &) = delete;
    RealFft &operator=(const RealFft &) = delete;

    int size() const { return m_size; }
    float *input() { return m_input; }   // size() samples, filled by the caller

    // Transforms input() and writes the magnitudes of the size()/2 + 1 bins into `magnitudes`.
    void magnitudes(std::vector<float> &magnitudes);

private:
    int m_size = 0;
    float *m_input = nullptr;
    float *m_output = nullptr;   // size()/2 + 1 interleaved complex values
    fftwf_plan_s *m_plan = nullptr;
};

// The periodic Hann window of `size` points.
std::vector<float> hannWindow(int size);

} // namespace aiband
