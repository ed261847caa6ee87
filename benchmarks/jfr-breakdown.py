#!/usr/bin/env python3
"""Where a JVM's CPU samples go, from a JFR recording (benchmarks/run --reads-only --jfr ...).

Usage: benchmarks/jfr-breakdown.py recording.jfr [--database] [--collapsed out.txt] [--top 25]
(--database: the recording is of the JVM that runs Neo4j; its samples go to the database's parts)
Each jdk.ExecutionSample is given to the component of its nearest frame (leaf first) that names
one (the JDK's own frames, java.*, are skipped: a HashMap.get inside GraphQL validation counts
as GraphQL validation). --collapsed writes the stacks in the folded form flame graph tools read
(flamegraph.pl, speedscope).
"""
import collections, re, subprocess, sys

COMPONENTS = [
    ("token validation (JWT decode, signature)", r"^(org\.springframework\.security\.oauth2|com\.nimbusds|org\.springframework\.security\.oauth2\.server\.resource)"),
    ("disclosure journal (entry, hash chain, append)", r"^kz\.reentry\.hub\.disclosure"),
    ("access policy (rows, fields, scopes)", r"^kz\.reentry\.hub\.security"),
    ("edge limits (cost, aliases, trusted documents, rate)", r"^kz\.reentry\.hub\.edge"),
    ("hub code (controllers, repositories, mapping)", r"^kz\.reentry\.hub"),
    ("Cypher round trips (Neo4j driver, Bolt, Netty)", r"^(org\.neo4j|io\.netty)"),
    ("JSON (Jackson)", r"^(tools\.jackson|com\.fasterxml\.jackson)"),
    ("GraphQL parsing and validation", r"^graphql\.(parser|validation|language|schema\.validation|com\.google|ParseAndValidate)"),
    ("GraphQL execution (graphql-java, Spring GraphQL, DataLoader)", r"^(graphql\.|org\.springframework\.graphql|org\.dataloader|com\.apollographql)"),
    ("Spring Security filter chain", r"^org\.springframework\.security"),
    ("Micrometer observation, logging", r"^(io\.micrometer|ch\.qos\.logback|org\.slf4j|org\.apache\.logging)"),
    ("Reactor, context propagation", r"^(reactor\.|io\.micrometer\.context)"),
    ("Spring MVC, Tomcat, HTTP", r"^(org\.springframework\.web|org\.apache\.(coyote|catalina|tomcat)|jakarta\.servlet)"),
    ("Neo4j database (kernel, Cypher runtime, planner)", r"^(org\.neo4j|org\.eclipse\.collections|scala\.)"),
    ("other Spring", r"^org\.springframework"),
]

# For the JVM that runs Neo4j (the harness's embedded one): where the database's own time goes
DATABASE = [
    ("Cypher parsing, semantic analysis, planning, plan cache", r"^org\.neo4j\.cypher\.internal\.(parser|ast|frontend|compiler|planner|ir|logical|rewriting|util|QueryCache|cache|CypherCurrentCompiler|CypherQueryCaches|PreParser|PreParsedQuery|options|config|expressions|label_expressions|PreParser)|^org\.neo4j\.cypher\.internal\.(ExecutionEngine|CachingPreParser|CompilerLibrary|CypherPreParser)"),
    ("Cypher runtime (operators, expressions, results)", r"^org\.neo4j\.(cypher\.internal\.runtime|codegen|cypher\.operations|cypher\.internal\.result|cypher\.result|cypher\.internal\.)"),
    ("kernel, storage, page cache, indexes", r"^org\.neo4j\.(kernel|internal\.(recordstorage|kernel|batchimport|id|schema)|io|storageengine|index|lock|values)"),
    ("Bolt server (protocol, sessions, transactions)", r"^org\.neo4j\.(bolt|packstream|server|fabric|router|dbms)"),
    ("Netty (network)", r"^io\.netty"),
    ("other Neo4j", r"^org\.neo4j"),
    ("Scala collections (planner)", r"^scala\."),
]

def samples(path):
    text = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "400", path],
                          capture_output=True, text=True, check=True).stdout
    for block in text.split("jdk.ExecutionSample {")[1:]:
        thread = re.search(r'sampledThread = "([^"]*)"', block)
        frames = re.findall(r"^\s{4}([\w$.<>]+)\(", block, re.M)
        yield (thread.group(1) if thread else "?"), frames

def component(frames, components=COMPONENTS):
    for frame in frames:
        if frame.startswith(("java.", "jdk.", "sun.")):
            continue
        for name, pattern in components:
            if re.match(pattern, frame):
                return name
        return "other: " + ".".join(frame.split(".")[:3])
    return "JDK only (" + (frames[0] if frames else "?") + ")"

def main():
    path = sys.argv[1]
    collapsed = sys.argv[sys.argv.index("--collapsed") + 1] if "--collapsed" in sys.argv else None
    top = int(sys.argv[sys.argv.index("--top") + 1]) if "--top" in sys.argv else 25
    by_component, by_frame, folded = collections.Counter(), collections.Counter(), collections.Counter()
    total = 0
    for thread, frames in samples(path):
        total += 1
        if "--database" in sys.argv:
            key = component(frames, DATABASE)
        else:
            request = thread.startswith(("http-nio", "tomcat-handler", "task-"))
            key = component(frames) if request else "background threads (" + re.sub(r"[-\d]+$", "", thread) + ")"
        by_component[key] += 1
        if frames:
            by_frame[frames[0]] += 1
        folded[";".join(reversed(frames))] += 1
    print(f"{total} samples in {path}\n")
    print("| component | samples | share |\n|---|---|---|")
    for name, n in by_component.most_common():
        print(f"| {name} | {n} | {100 * n / total:.1f}% |")
    print(f"\n| top frames (self) | samples | share |\n|---|---|---|")
    for name, n in by_frame.most_common(top):
        print(f"| `{name}` | {n} | {100 * n / total:.1f}% |")
    if collapsed:
        with open(collapsed, "w") as out:
            for stack, n in folded.most_common():
                out.write(f"{stack} {n}\n")

if __name__ == "__main__":
    main()
