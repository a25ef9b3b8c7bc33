// Features bicepc does not emit yet stop the build with BCX004 instead of producing wrong JSON.
assert positive = 1 > 0
