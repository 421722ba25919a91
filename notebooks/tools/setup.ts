/**
 * The set-up `deno task notebooks` does before it runs anything: a Python with Jupyter's
 * modules (nbclient, nbformat, nbconvert, ipykernel), installed when missing, and the Deno
 * kernelspec, registered when Jupyter has none or one that runs another Deno binary.
 *
 * Each step is said before it is taken. Jupyter is installed with `apt-get` on Debian or Ubuntu
 * as root (system packages, the ones CI uses), else into the project's `.venv/` with
 * `python3 -m venv` and `pip`; where neither can work, the exact commands to run are printed and
 * the set-up fails. The decisions are pure functions of {@linkcode SetupFacts}, and every command
 * goes through a {@linkcode SetupHost}, so tests can drive each branch.
 *
 * @module
 */

/** The Python modules the runner needs. */
export const JUPYTER_MODULES = ["nbclient", "nbformat", "nbconvert", "ipykernel", "jupyter_client"];
/** Debian's packages for them (what CI installs). */
export const APT_PACKAGES = ["jupyter-nbconvert", "python3-nbclient", "python3-ipykernel"];
/** What pip installs into `.venv/`. */
export const PIP_PACKAGES = ["nbclient", "nbconvert", "ipykernel"];
/**
 * Interpreters tried, after the project's `.venv/`: `python3` on PATH, then the system ones
 * (`python3` may be a pyenv or virtualenv shim without the modules the system packages added).
 */
export const SYSTEM_PYTHONS = [
  "python3",
  "/usr/bin/python3",
  "/usr/local/bin/python3",
  "/opt/homebrew/bin/python3",
];

/** The result of a command. */
export interface RunResult {
  /** Exit code; 127 when the program is missing or may not be run. */
  code: number;
  /** Its standard output (empty when inherited). */
  stdout: string;
  /** Its standard error (empty when inherited). */
  stderr: string;
}

/** A command: program, arguments, extra environment. */
export interface Command {
  /** The program. */
  program: string;
  /** Its arguments. */
  args: string[];
  /** Environment variables to add. */
  env?: Record<string, string>;
}

/** Everything the set-up does to the machine, so tests can replace it. */
export interface SetupHost {
  /** `linux`, `darwin`, `windows`, … */
  os: string;
  /** The text of /etc/os-release, or undefined. */
  osRelease?: string;
  /** Whether this process runs as root. */
  isRoot: boolean;
  /** The project's root folder (absolute). */
  root: string;
  /** The running Deno binary. */
  denoPath: string;
  /** Runs a command and captures its output; never throws. */
  capture(command: Command): Promise<RunResult>;
  /** Runs a command with its output shown; never throws. */
  run(command: Command): Promise<RunResult>;
  /** The real path of `path` (symlinks resolved), or `path` if it cannot be resolved. */
  realPath(path: string): string;
  /** Prints a line. */
  say(line: string): void;
}

/** What the set-up found out about the machine. */
export interface SetupFacts {
  /** `linux`, `darwin`, `windows`, … */
  os: string;
  /** Whether /etc/os-release says Debian or Ubuntu (or a derivative). */
  debianLike: boolean;
  /** Whether this process runs as root. */
  isRoot: boolean;
  /** Whether `apt-get` can be run. */
  hasAptGet: boolean;
  /** A Python that can create a virtual environment with pip (`venv` and `ensurepip`). */
  venvPython?: string;
}

/** How to get Jupyter's modules when no Python has them. */
export type JupyterPlan =
  | { kind: "apt"; why: string; commands: Command[] }
  | { kind: "venv"; why: string; commands: Command[] }
  | { kind: "manual"; why: string; commands: string[] };

/** A set-up step that failed; the message says what to do. */
export class SetupError extends Error {
  /** @param message what failed and the commands that would fix it */
  constructor(message: string) {
    super(message);
    this.name = "SetupError";
  }
}

/** Whether an /etc/os-release text is Debian's, Ubuntu's, or a derivative's. */
export function isDebianLike(osRelease: string | undefined): boolean {
  if (!osRelease) return false;
  const field = (name: string) =>
    new RegExp(`^${name}=["']?([^"'\\n]*)`, "m").exec(osRelease)?.[1].toLowerCase() ?? "";
  const ids = `${field("ID")} ${field("ID_LIKE")}`.split(/\s+/);
  return ids.includes("debian") || ids.includes("ubuntu");
}

/** The project's virtual environment's Python. */
export function venvPythonPath(root: string, os: string): string {
  return os === "windows" ? `${root}\\.venv\\Scripts\\python.exe` : `${root}/.venv/bin/python`;
}

/** A command as one line of shell, for messages. */
export function commandLine(command: Command): string {
  const quote = (s: string) => /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
  const env = Object.entries(command.env ?? {}).map(([k, v]) => `${k}=${quote(v)} `).join("");
  return env + [command.program, ...command.args].map(quote).join(" ");
}

/**
 * How to install Jupyter's modules on a machine described by `facts` (pure).
 *
 * @example
 * ```ts
 * import { planJupyter } from "./setup.ts";
 * import assert from "node:assert/strict";
 * const plan = planJupyter(
 *   { os: "linux", debianLike: true, isRoot: true, hasAptGet: true },
 *   "/repo",
 * );
 * assert.equal(plan.kind, "apt");
 * ```
 */
export function planJupyter(facts: SetupFacts, root: string): JupyterPlan {
  const modules = "nbclient, nbconvert, ipykernel";
  if (facts.debianLike && facts.isRoot && facts.hasAptGet) {
    return {
      kind: "apt",
      why: `installing Jupyter (${modules}) with apt-get, as root: Debian's packages ` +
        `${APT_PACKAGES.join(", ")}, system-wide (outside the project)`,
      commands: [
        { program: "apt-get", args: ["update"], env: { DEBIAN_FRONTEND: "noninteractive" } },
        {
          program: "apt-get",
          args: ["install", "-y", "--no-install-recommends", ...APT_PACKAGES],
          env: { DEBIAN_FRONTEND: "noninteractive" },
        },
      ],
    };
  }
  const venvPython = venvPythonPath(root, facts.os);
  if (facts.venvPython) {
    return {
      kind: "venv",
      why: `installing Jupyter (${modules}) into the project's virtual environment .venv/ ` +
        `(python3 -m venv, then pip from PyPI)`,
      commands: [
        { program: facts.venvPython, args: ["-m", "venv", `${root}/.venv`] },
        { program: venvPython, args: ["-m", "pip", "install", ...PIP_PACKAGES] },
      ],
    };
  }
  return {
    kind: "manual",
    why: `Jupyter (${modules}) is missing, and it cannot be installed from here: ` +
      (facts.debianLike && !facts.isRoot
        ? "apt-get needs root, and there is no Python that can make a virtual environment"
        : "there is no Python 3 that can make a virtual environment (venv with ensurepip)"),
    commands: manualCommands(facts),
  };
}

/** The commands a person can run to get Jupyter's modules on `facts`' kind of machine. */
export function manualCommands(facts: SetupFacts): string[] {
  const venv = [
    "python3 -m venv .venv",
    `.venv/bin/python -m pip install ${PIP_PACKAGES.join(" ")}`,
  ];
  if (facts.debianLike) {
    return [
      `sudo apt-get install -y --no-install-recommends ${APT_PACKAGES.join(" ")}`,
      "# or, without root: sudo apt-get install -y python3-venv, then",
      ...venv.map((line) => `#   ${line}`),
    ];
  }
  if (facts.os === "darwin") return ["brew install python", ...venv];
  if (facts.os === "windows") {
    return [
      "py -3 -m venv .venv",
      `.venv\\Scripts\\python.exe -m pip install ${PIP_PACKAGES.join(" ")}`,
    ];
  }
  return ["# install Python 3 with your system's package manager, then", ...venv];
}

const IMPORT_CHECK = `import ${JUPYTER_MODULES.join(", ")}; print(nbclient.__version__)`;

/** The first of `.venv`'s Python and {@linkcode SYSTEM_PYTHONS} that imports Jupyter's modules,
 * with its nbclient version. */
export async function findJupyterPython(
  host: SetupHost,
): Promise<{ python: string; nbclient: string } | undefined> {
  for (const python of [venvPythonPath(host.root, host.os), ...SYSTEM_PYTHONS]) {
    const result = await host.capture({ program: python, args: ["-c", IMPORT_CHECK] });
    if (result.code === 0) return { python, nbclient: result.stdout.trim() };
  }
  return undefined;
}

/** What {@linkcode planJupyter} needs to know, found out by running small commands. */
export async function gatherFacts(host: SetupHost): Promise<SetupFacts> {
  const apt = host.os === "linux"
    ? await host.capture({ program: "apt-get", args: ["--version"] })
    : { code: 127 };
  let venvPython: string | undefined;
  for (const python of SYSTEM_PYTHONS) {
    const probe = await host.capture({ program: python, args: ["-c", "import venv, ensurepip"] });
    if (probe.code === 0) {
      venvPython = python;
      break;
    }
  }
  return {
    os: host.os,
    debianLike: isDebianLike(host.osRelease),
    isRoot: host.isRoot,
    hasAptGet: apt.code === 0,
    venvPython,
  };
}

/** Makes sure a Python with Jupyter's modules exists, installing it when it does not; returns
 * that Python. */
export async function ensureJupyter(host: SetupHost): Promise<string> {
  const found = await findJupyterPython(host);
  if (found) {
    host.say(
      `set-up: Jupyter: ${found.python} has nbclient ${found.nbclient}, nbconvert, ipykernel`,
    );
    return found.python;
  }
  const plan = planJupyter(await gatherFacts(host), host.root);
  if (plan.kind === "manual") {
    throw new SetupError(
      `set-up: ${plan.why}.\nRun:\n${plan.commands.map((c) => `  ${c}`).join("\n")}\n` +
        "then run this command again.",
    );
  }
  host.say(`set-up: no Python here has Jupyter's modules; ${plan.why}:`);
  for (const command of plan.commands) {
    host.say(`set-up: $ ${commandLine(command)}`);
    const result = await host.run(command);
    if (result.code !== 0) {
      const facts = await gatherFacts(host);
      throw new SetupError(
        `set-up: \`${commandLine(command)}\` failed (exit ${result.code}).` +
          (plan.kind === "venv" ? " pip needs to reach PyPI." : "") +
          `\nInstall Jupyter yourself:\n${manualCommands(facts).map((c) => `  ${c}`).join("\n")}` +
          "\nthen run this command again.",
      );
    }
  }
  const installed = await findJupyterPython(host);
  if (!installed) {
    throw new SetupError(
      `set-up: after ${plan.kind === "apt" ? "apt-get" : "pip"} no Python imports ` +
        `${JUPYTER_MODULES.join(", ")} (tried ${
          [venvPythonPath(host.root, host.os), ...SYSTEM_PYTHONS].join(", ")
        })`,
    );
  }
  host.say(`set-up: Jupyter: ${installed.python} has nbclient ${installed.nbclient}`);
  return installed.python;
}

const KERNELSPEC_CHECK = `import json
from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
try:
    spec = KernelSpecManager().get_kernel_spec("deno")
    print(json.dumps({"dir": spec.resource_dir, "argv": spec.argv}))
except NoSuchKernel:
    print("null")`;

/** The Deno kernelspec Jupyter would use, as `python` sees it, or undefined. */
export async function findKernelspec(
  host: SetupHost,
  python: string,
): Promise<{ dir: string; argv: string[] } | undefined> {
  const result = await host.capture({ program: python, args: ["-c", KERNELSPEC_CHECK] });
  if (result.code !== 0) {
    throw new SetupError(`set-up: cannot list Jupyter's kernelspecs:\n${result.stderr.trim()}`);
  }
  return JSON.parse(result.stdout.trim() || "null") ?? undefined;
}

/** Why the kernelspec cannot be used with this Deno, or undefined if it can. */
export function kernelspecProblem(
  spec: { dir: string; argv: string[] } | undefined,
  denoPath: string,
  realPath: (path: string) => string,
): string | undefined {
  if (!spec) return "Jupyter has no Deno kernel (no kernelspec named deno)";
  const program = spec.argv[0] ?? "";
  if (realPath(program) !== realPath(denoPath)) {
    return `the Deno kernelspec in ${spec.dir} runs ${program || "nothing"}, not this Deno ` +
      `(${denoPath})`;
  }
  return undefined;
}

/** Registers the Deno kernel with Jupyter when it is missing or runs another Deno. */
export async function ensureKernelspec(host: SetupHost, python: string): Promise<void> {
  const spec = await findKernelspec(host, python);
  const problem = kernelspecProblem(spec, host.denoPath, (p) => host.realPath(p));
  if (!problem) {
    host.say(`set-up: Deno kernel: ${spec!.dir} runs ${spec!.argv[0]} (this Deno)`);
    return;
  }
  const command: Command = {
    program: host.denoPath,
    args: ["jupyter", "--install", "--force"],
    env: { NO_COLOR: "1" },
  };
  host.say(
    `set-up: ${problem}; registering it in your Jupyter kernel folder ` +
      `(${host.os === "darwin" ? "~/Library/Jupyter" : "~/.local/share/jupyter"}/kernels/deno):`,
  );
  host.say(`set-up: $ ${commandLine(command)}`);
  let result = await host.run(command);
  if (result.code === 127 && host.denoPath !== "deno") {
    // This Deno may be reachable only by name (npm's /usr/bin/deno is a link to
    // /usr/lib/node_modules/deno/deno, and --allow-run lists the name).
    command.program = "deno";
    host.say(`set-up: (not allowed to run ${host.denoPath}; by name) $ ${commandLine(command)}`);
    result = await host.run(command);
  }
  if (result.code !== 0) {
    const why = result.stderr.trim() ? `: ${result.stderr.trim()}` : "";
    throw new SetupError(
      `set-up: \`${commandLine(command)}\` failed (exit ${result.code})${why}; run it yourself`,
    );
  }
  const after = await findKernelspec(host, python);
  const still = kernelspecProblem(after, host.denoPath, (p) => host.realPath(p));
  if (still) {
    throw new SetupError(
      `set-up: after \`deno jupyter --install\`, ${still}. Deno writes the kernelspec into the ` +
        "user's Jupyter data folder; if JUPYTER_DATA_DIR or JUPYTER_PATH point elsewhere, " +
        `see \`${python} -m jupyter --paths\``,
    );
  }
  host.say(`set-up: Deno kernel: ${after!.dir} runs ${host.denoPath}`);
}

/** The whole set-up: Jupyter, then the Deno kernel. Returns the Python to run the tools with. */
export async function setUp(host: SetupHost): Promise<string> {
  const python = await ensureJupyter(host);
  await ensureKernelspec(host, python);
  return python;
}

/** A {@linkcode SetupHost} for this machine. */
export function systemHost(root: string): SetupHost {
  const spawn = async (command: Command, inherit: boolean): Promise<RunResult> => {
    try {
      const output = await new Deno.Command(command.program, {
        args: command.args,
        env: command.env,
        stdin: "null",
        stdout: inherit ? "inherit" : "piped",
        stderr: inherit ? "inherit" : "piped",
      }).output();
      // With inherited output, reading output.stdout throws ("not piped").
      if (inherit) return { code: output.code, stdout: "", stderr: "" };
      const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
      return { code: output.code, stdout: text(output.stdout), stderr: text(output.stderr) };
    } catch (error) {
      return { code: 127, stdout: "", stderr: String(error) };
    }
  };
  let osRelease: string | undefined;
  try {
    osRelease = Deno.readTextFileSync("/etc/os-release");
  } catch {
    osRelease = undefined;
  }
  let isRoot = false;
  try {
    isRoot = Deno.uid() === 0;
  } catch {
    isRoot = false;
  }
  return {
    os: Deno.build.os,
    osRelease,
    isRoot,
    root,
    denoPath: Deno.execPath(),
    capture: (command) => spawn(command, false),
    run: (command) => spawn(command, true),
    realPath: (path) => {
      try {
        return Deno.realPathSync(path);
      } catch {
        return path;
      }
    },
    say: (line) => console.log(line),
  };
}
