#include "Fft.h"

#include <fftw3.h>

#include <cmath>
#include <mutex>
#include <numbers>

namespace aiband {

namespace {

// FFTW's planner keeps global state: plans are made and destroyed one at a time. The lock is
// the only shared state of the recognizer, and executing a plan does not take it.
std::mutex &plannerLock()
{
    static std::mutex lock;
    return lock;
}

} // namespace

RealFft::RealFft(int size)
    : m_size(size)
{
    const std::scoped_lock locked(plannerLock());
    m_input = fftwf_alloc_real(static_cast<size_t>(size));
    m_output = reinterpret_cast<float *>(fftwf_alloc_complex(static_cast<size_t>(size / 2 + 1)));
    // FFTW_ESTIMATE: planning without measuring keeps construction cheap and results repeatable.
    m_plan = fftwf_plan_dft_r2c_1d(size, m_input, reinterpret_cast<fftwf_complex *>(m_output), FFTW_ESTIMATE);
}

RealFft::~RealFft()
{
    const std::scoped_lock locked(plannerLock());
    fftwf_destroy_plan(m_plan);
    fftwf_free(m_input);
    fftwf_free(m_output);
}

void RealFft::magnitudes(std::vector<float> &magnitudes)
{
    fftwf_execute(m_plan);
    const int bins = m_size / 2 + 1;
    magnitudes.resize(static_cast<size_t>(bins));
    for (int bin = 0; bin < bins; ++bin) {
        const float re = m_output[2 * bin];
        const float im = m_output[2 * bin + 1];
        magnitudes[static_cast<size_t>(bin)] = std::sqrt(re * re + im * im);
    }
}

std::vector<float> hannWindow(int size)
{
    std::vector<float> window(static_cast<size_t>(size));
    for (int i = 0; i < size; ++i)
        window[static_cast<size_t>(i)] = static_cast<float>(0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * i / size));
    return window;
}

} // namespace aiband
