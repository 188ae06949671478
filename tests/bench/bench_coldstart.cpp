// Issue 18, cold start: wall time of a whole attnscope-cli process, light (no LibTorch) against
// attnscope-cli-torch (the same commands with LibTorch linked at start, as every command was before), in one run.
// Goal: --version, scores and a render of a view without a model under 0.2 s in the light executable.
#include <benchmark/benchmark.h>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace {

const char* const kPrograms[] = {ATTN_CLI_PATH, ATTN_CLI_TORCH_PATH};

// Runs the program to its end with stdout and stderr sent to /dev/null; returns its exit status.
int runProcess(const std::string& program, const std::vector<std::string>& args)
{
    std::vector<std::string> all = {program};
    all.insert(all.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : all) {
        argv.push_back(a.data());
    }
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        throw std::runtime_error("cannot start " + program);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void runCommand(benchmark::State& state, const std::vector<std::string>& args)
{
    const std::string program = kPrograms[state.range(0)];
    setenv("QT_QPA_PLATFORM", "offscreen", 1);
    for (auto _ : state) {
        if (runProcess(program, args) != 0) {
            state.SkipWithError("the command failed");
            return;
        }
    }
    state.SetLabel(state.range(0) == 0 ? "light attnscope-cli" : "attnscope-cli-torch (before)");
}

void BM_ColdVersion(benchmark::State& state)
{
    runCommand(state, {"--version"});
}

void BM_ColdScores(benchmark::State& state)
{
    runCommand(state, {"scores", "--query", "1,0,0.5", "--keys", "1,0,0;0,1,0;0.5,0.5,1"});
}

void BM_ColdRenderThreeSteps(benchmark::State& state)
{
    const std::string out = "/tmp/attn-bench-coldstart-" + std::to_string(getpid()) + ".png";
    runCommand(state, {"render", "--view", "three-steps", "--out", out});
    unlink(out.c_str());
}

// The coreference model on its default path (Eigen, weights read from model.safetensors without LibTorch).
void BM_ColdAttendCoref(benchmark::State& state)
{
    runCommand(state, {"attend", "--model", ATTN_MODELS_DIR "/coref-en-fr", "--text",
                       "The animal didn't cross the street because it was too tired."});
}

// Arg 0: the light executable; arg 1: the torch one (the baseline).
BENCHMARK(BM_ColdVersion)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(10);
BENCHMARK(BM_ColdScores)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(10);
BENCHMARK(BM_ColdRenderThreeSteps)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(5);
BENCHMARK(BM_ColdAttendCoref)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(5);

} // namespace

BENCHMARK_MAIN();
