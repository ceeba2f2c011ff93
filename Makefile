# The README's two commands: `make demo` and `make test`.
SWIFT ?= swift

.PHONY: demo test deps build format benchmarks help

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

demo: deps ## install what is needed, build, run `frugal demo`
	$(SWIFT) build --product frugal
	$$($(SWIFT) build --show-bin-path)/frugal demo

test: ## install test tools, build with warnings as errors, run every test
	.ci/test

deps: ## install the build dependencies (Debian packages)
	.ci/install-deps build

build: deps ## build the frugal binary (release, static Swift runtime)
	$(SWIFT) build -c release --product frugal --static-swift-stdlib

format: ## rewrite the sources with swift-format
	$(SWIFT) format format --in-place --configuration .swift-format -r Sources Tests Package.swift
