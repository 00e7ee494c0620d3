// A file that throws while it loads: no test of it ever runs.
throw new Error("this file failed to load");
