// Reads a JSON array of [pattern, name] pairs on stdin and prints, for each, what Go's own
// path.Match and path/filepath.Match (the one kubelet's keyring calls) answer: "true", "false" or
// "bad" (ErrBadPattern). test/unit/go-path-match.test.ts compares the app's port with it.
package main

import (
	"encoding/json"
	"os"
	"path"
	"path/filepath"
)

func answer(matched bool, err error) string {
	if err != nil {
		return "bad"
	}
	if matched {
		return "true"
	}
	return "false"
}

func main() {
	var pairs [][2]string
	if err := json.NewDecoder(os.Stdin).Decode(&pairs); err != nil {
		panic(err)
	}
	results := make([][2]string, len(pairs))
	for index, pair := range pairs {
		results[index][0] = answer(path.Match(pair[0], pair[1]))
		results[index][1] = answer(filepath.Match(pair[0], pair[1]))
	}
	if err := json.NewEncoder(os.Stdout).Encode(results); err != nil {
		panic(err)
	}
}
