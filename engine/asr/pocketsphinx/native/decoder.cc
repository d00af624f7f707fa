// N-API binding for the CMU PocketSphinx decoder as shipped by Debian 12 / Raspberry Pi OS
// (libpocketsphinx 5prealpha, with sphinxbase's cmd_ln configuration).
//
// Every call that can take more than a fraction of a millisecond (loading the acoustic model and the
// language model, decoding a chunk, finishing an utterance) runs as a Napi::AsyncWorker on the libuv
// thread pool, so the kiosk's event loop keeps serving the UI, MQTT and the microphone while a
// decoder works. One decoder is not re-entrant: the JS wrapper queues calls so that at most one
// worker touches a given decoder at a time; `busy_` is a guard that turns a violation into an error
// instead of memory corruption.
#include <napi.h>

#include <atomic>
#include <mutex>
#include <string>
#include <vector>

extern "C" {
#include <pocketsphinx.h>
#include <err.h>
}

// Creating and freeing decoders is serialized process-wide: sphinxbase 5prealpha's configuration and
// model loading keep process-global state (logging, the parsed-argument tables), and the kiosk loads
// several decoders at start-up (kiosk LM, open vocabulary, dictation) on different pool threads.
// Decoding itself stays parallel: each decoder's own state is touched by one worker at a time.
static std::mutex g_lifecycle_mutex;

namespace {

struct HypResult {
  std::string hyp;
  int32 score = 0;
  int32 prob = 0;
  int32 frames = 0;
  bool inSpeech = false;
  // Acoustic and language-model parts of the best path, summed over its words (incl. fillers): the
  // acoustic part lets the engine compare how well two language models' answers fit the same audio.
  int64_t ascr = 0;
  int64_t lscr = 0;
  // The lattice's best distinct word strings with their path scores (end of utterance only): the
  // reply stage scores these against the knowledge base instead of trusting the first string alone.
  std::vector<std::pair<std::string, int32>> nbest;
};

// How many N-best entries to read from the A* search; duplicates (differing only in fillers) are
// folded, so fewer distinct strings come back.
static const int kNbestScan = 40;
static const size_t kNbestKeep = 10;

Napi::Object HypToJs(Napi::Env env, const HypResult& r) {
  Napi::Object o = Napi::Object::New(env);
  o.Set("hyp", r.hyp);
  o.Set("score", r.score);
  o.Set("prob", r.prob);
  o.Set("frames", r.frames);
  o.Set("inSpeech", r.inSpeech);
  o.Set("ascr", static_cast<double>(r.ascr));
  o.Set("lscr", static_cast<double>(r.lscr));
  Napi::Array nb = Napi::Array::New(env, r.nbest.size());
  for (size_t i = 0; i < r.nbest.size(); i++) {
    Napi::Object e = Napi::Object::New(env);
    e.Set("hyp", r.nbest[i].first);
    e.Set("score", r.nbest[i].second);
    nb.Set(static_cast<uint32_t>(i), e);
  }
  o.Set("nbest", nb);
  return o;
}

class Decoder : public Napi::ObjectWrap<Decoder> {
 public:
  static Napi::Object Init(Napi::Env env, Napi::Object exports);
  explicit Decoder(const Napi::CallbackInfo& info);
  ~Decoder() override { Free(); }

  ps_decoder_t* ps() const { return ps_; }
  void SetPs(ps_decoder_t* ps, cmd_ln_t* config) {
    ps_ = ps;
    config_ = config;
  }
  std::atomic<bool> busy_{false};

 private:
  Napi::Value Load(const Napi::CallbackInfo& info);
  Napi::Value SetLmFile(const Napi::CallbackInfo& info);
  Napi::Value SetJsgf(const Napi::CallbackInfo& info);
  Napi::Value SetSearch(const Napi::CallbackInfo& info);
  Napi::Value Start(const Napi::CallbackInfo& info);
  Napi::Value Process(const Napi::CallbackInfo& info);
  Napi::Value End(const Napi::CallbackInfo& info);
  Napi::Value Close(const Napi::CallbackInfo& info);

  ps_decoder_t* Ready(Napi::Env env, const char* op);
  void Free() {
    std::lock_guard<std::mutex> lock(g_lifecycle_mutex);
    if (ps_) ps_free(ps_);
    if (config_) cmd_ln_free_r(config_);
    ps_ = nullptr;
    config_ = nullptr;
  }

  ps_decoder_t* ps_ = nullptr;
  cmd_ln_t* config_ = nullptr;
};

// Loads the acoustic model, dictionary and initial search from sphinx-style arguments
// (["-hmm", dir, "-dict", file, "-lm", file, ...]).
class LoadWorker : public Napi::AsyncWorker {
 public:
  LoadWorker(Napi::Env env, Decoder* dec, std::vector<std::string> args)
      : Napi::AsyncWorker(env), deferred_(Napi::Promise::Deferred::New(env)), dec_(dec), args_(std::move(args)) {}
  Napi::Promise Promise() { return deferred_.Promise(); }

  void Execute() override {
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>("pocketsphinx"));
    for (auto& a : args_) argv.push_back(const_cast<char*>(a.c_str()));
    std::lock_guard<std::mutex> lock(g_lifecycle_mutex);
    cmd_ln_t* config = cmd_ln_parse_r(nullptr, ps_args(), static_cast<int32>(argv.size()), argv.data(), TRUE);
    if (!config) return SetError("invalid pocketsphinx arguments");
    ps_decoder_t* ps = ps_init(config);
    if (!ps) {
      cmd_ln_free_r(config);
      return SetError("pocketsphinx could not load the model (check -hmm, -dict, -lm paths)");
    }
    dec_->SetPs(ps, config);
  }
  void OnOK() override {
    dec_->busy_ = false;
    deferred_.Resolve(Env().Undefined());
  }
  void OnError(const Napi::Error& e) override {
    dec_->busy_ = false;
    deferred_.Reject(e.Value());
  }

 private:
  Napi::Promise::Deferred deferred_;
  Decoder* dec_;
  std::vector<std::string> args_;
};

// Feeds one chunk of 16 kHz int16 audio and reads the partial hypothesis.
class ProcessWorker : public Napi::AsyncWorker {
 public:
  ProcessWorker(Napi::Env env, Decoder* dec, std::vector<int16> samples, bool end)
      : Napi::AsyncWorker(env), deferred_(Napi::Promise::Deferred::New(env)), dec_(dec), samples_(std::move(samples)), end_(end) {}
  Napi::Promise Promise() { return deferred_.Promise(); }

  void Execute() override {
    ps_decoder_t* ps = dec_->ps();
    if (!samples_.empty() && ps_process_raw(ps, samples_.data(), samples_.size(), FALSE, FALSE) < 0)
      return SetError("ps_process_raw failed");
    if (end_ && ps_end_utt(ps) < 0) return SetError("ps_end_utt failed (no utterance started?)");
    int32 score = 0;
    const char* hyp = ps_get_hyp(ps, &score);
    result_.hyp = hyp ? hyp : "";
    result_.score = score;
    // The posterior needs the lattice, which only exists once the utterance is finished.
    result_.prob = end_ && hyp ? ps_get_prob(ps) : 0;
    result_.frames = ps_get_n_frames(ps);
    result_.inSpeech = ps_get_in_speech(ps) != 0;
    if (end_) {
      for (ps_seg_t* seg = ps_seg_iter(ps); seg; seg = ps_seg_next(seg)) {
        int32 ascr = 0, lscr = 0, lback = 0;
        ps_seg_prob(seg, &ascr, &lscr, &lback);
        result_.ascr += ascr;
        result_.lscr += lscr;
      }
      // ps_nbest needs the lattice (-bestpath yes); a decoder without one simply returns none.
      if (hyp && *hyp && ps_get_lattice(ps)) {
        int scanned = 0;
        for (ps_nbest_t* nb = ps_nbest(ps); nb && scanned < kNbestScan; scanned++) {
          int32 s = 0;
          const char* h = ps_nbest_hyp(nb, &s);
          if (h) {
            std::string text(h);
            bool dup = false;
            for (auto& e : result_.nbest) dup = dup || e.first == text;
            if (!dup) result_.nbest.emplace_back(text, s);
          }
          if (result_.nbest.size() >= kNbestKeep) {
            ps_nbest_free(nb);
            break;
          }
          nb = ps_nbest_next(nb);
          if (!nb) break;
          if (scanned + 1 >= kNbestScan) ps_nbest_free(nb);
        }
      }
    }
  }
  void OnOK() override {
    dec_->busy_ = false;
    deferred_.Resolve(HypToJs(Env(), result_));
  }
  void OnError(const Napi::Error& e) override {
    dec_->busy_ = false;
    deferred_.Reject(e.Value());
  }

 private:
  Napi::Promise::Deferred deferred_;
  Decoder* dec_;
  std::vector<int16> samples_;
  bool end_;
  HypResult result_;
};

Napi::Object Decoder::Init(Napi::Env env, Napi::Object exports) {
  Napi::Function fn = DefineClass(env, "Decoder",
                                  {InstanceMethod("load", &Decoder::Load), InstanceMethod("setLmFile", &Decoder::SetLmFile),
                                   InstanceMethod("setJsgf", &Decoder::SetJsgf), InstanceMethod("setSearch", &Decoder::SetSearch),
                                   InstanceMethod("start", &Decoder::Start), InstanceMethod("process", &Decoder::Process),
                                   InstanceMethod("end", &Decoder::End), InstanceMethod("close", &Decoder::Close)});
  exports.Set("Decoder", fn);
  return exports;
}

Decoder::Decoder(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Decoder>(info) {}

ps_decoder_t* Decoder::Ready(Napi::Env env, const char* op) {
  if (!ps_) throw Napi::Error::New(env, std::string("decoder not loaded (") + op + ")");
  if (busy_) throw Napi::Error::New(env, std::string("decoder busy (") + op + "): calls must be serialized");
  return ps_;
}

Napi::Value Decoder::Load(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (ps_ || busy_) throw Napi::Error::New(env, "decoder already loaded");
  if (!info[0].IsArray()) throw Napi::TypeError::New(env, "load(args: string[])");
  Napi::Array arr = info[0].As<Napi::Array>();
  std::vector<std::string> args;
  for (uint32_t i = 0; i < arr.Length(); i++) args.push_back(arr.Get(i).ToString().Utf8Value());
  busy_ = true;
  auto* w = new LoadWorker(env, this, std::move(args));
  Napi::Promise p = w->Promise();
  w->Queue();
  return p;
}

Napi::Value Decoder::SetLmFile(const Napi::CallbackInfo& info) {
  ps_decoder_t* ps = Ready(info.Env(), "setLmFile");
  std::string name = info[0].ToString().Utf8Value(), file = info[1].ToString().Utf8Value();
  if (ps_set_lm_file(ps, name.c_str(), file.c_str()) < 0)
    throw Napi::Error::New(info.Env(), "cannot load language model " + file);
  return info.Env().Undefined();
}

Napi::Value Decoder::SetJsgf(const Napi::CallbackInfo& info) {
  ps_decoder_t* ps = Ready(info.Env(), "setJsgf");
  std::string name = info[0].ToString().Utf8Value(), jsgf = info[1].ToString().Utf8Value();
  if (ps_set_jsgf_string(ps, name.c_str(), jsgf.c_str()) < 0)
    throw Napi::Error::New(info.Env(), "invalid JSGF grammar for search " + name);
  return info.Env().Undefined();
}

Napi::Value Decoder::SetSearch(const Napi::CallbackInfo& info) {
  ps_decoder_t* ps = Ready(info.Env(), "setSearch");
  std::string name = info[0].ToString().Utf8Value();
  if (ps_set_search(ps, name.c_str()) < 0) throw Napi::Error::New(info.Env(), "unknown search " + name);
  return info.Env().Undefined();
}

Napi::Value Decoder::Start(const Napi::CallbackInfo& info) {
  ps_decoder_t* ps = Ready(info.Env(), "start");
  if (ps_start_utt(ps) < 0) throw Napi::Error::New(info.Env(), "ps_start_utt failed (utterance already started?)");
  return info.Env().Undefined();
}

static std::vector<int16> CopySamples(const Napi::CallbackInfo& info) {
  if (info.Length() == 0 || info[0].IsUndefined()) return {};
  if (!info[0].IsTypedArray() || info[0].As<Napi::TypedArray>().TypedArrayType() != napi_int16_array)
    throw Napi::TypeError::New(info.Env(), "expected an Int16Array of 16 kHz mono samples");
  Napi::Int16Array a = info[0].As<Napi::Int16Array>();
  // Copied because the JS buffer may be reused or collected while the worker runs.
  return std::vector<int16>(a.Data(), a.Data() + a.ElementLength());
}

Napi::Value Decoder::Process(const Napi::CallbackInfo& info) {
  Ready(info.Env(), "process");
  std::vector<int16> samples = CopySamples(info);
  busy_ = true;
  auto* w = new ProcessWorker(info.Env(), this, std::move(samples), false);
  Napi::Promise p = w->Promise();
  w->Queue();
  return p;
}

Napi::Value Decoder::End(const Napi::CallbackInfo& info) {
  Ready(info.Env(), "end");
  std::vector<int16> samples = CopySamples(info);
  busy_ = true;
  auto* w = new ProcessWorker(info.Env(), this, std::move(samples), true);
  Napi::Promise p = w->Promise();
  w->Queue();
  return p;
}

Napi::Value Decoder::Close(const Napi::CallbackInfo& info) {
  if (busy_) throw Napi::Error::New(info.Env(), "decoder busy (close)");
  Free();
  return info.Env().Undefined();
}

Napi::Object InitAll(Napi::Env env, Napi::Object exports) {
  // PocketSphinx logs every model detail to stderr; the kiosk's stderr is JSON log lines.
  err_set_logfp(nullptr);
  return Decoder::Init(env, exports);
}

}  // namespace

NODE_API_MODULE(pocketsphinx, InitAll)
