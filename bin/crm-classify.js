#!/usr/bin/env node
// crm-classify: classify a customer table (.xlsx/.csv). The CLI is TypeScript run through tsx.
"use strict";
require("tsx/cjs");
require("../src/cli/main.ts").main();
