#!/usr/bin/env python3
# Where the module's code bytes go: function sizes of a wasm built with a names section, demangled
# (llvm-cxxfilt, when installed), largest first, then totals per kind (core, Callback holders,
# libc++, Embind, other). Build the names module with
#   cmake -S . -B build/size-names -G Ninja -DCMAKE_TOOLCHAIN_FILE=$PWD/toolchain/emscripten.cmake \
#     -DCMAKE_BUILD_TYPE=Release -DNETREADY_TESTS=OFF -DCMAKE_EXE_LINKER_FLAGS=--profiling-funcs
#   cmake --build build/size-names
# (function names kept: 184459 code bytes where the release module has 184234, 0.1 % more).
# Usage: wasm/attribute.py build/size-names/netready.wasm [TOP] [KIND]
import sys, subprocess, collections, re, shutil
data = open(sys.argv[1],'rb').read()
N = int(sys.argv[2]) if len(sys.argv)>2 else 60
def leb(b, i):
    r=s=0
    while True:
        x=b[i]; i+=1; r|=(x&0x7f)<<s; s+=7
        if not x&0x80: return r,i
i=8; nimports=0; bodies=[]; names={}; secs=[]
while i<len(data):
    sid=data[i]; i+=1; sz,i=leb(data,i); end=i+sz
    if sid==0:
        nl,j=leb(data,i); nm=data[j:j+nl].decode(); j+=nl
        secs.append(('custom:'+nm,sz))
        if nm=='name':
            while j<end:
                sub=data[j]; j+=1; ssz,j=leb(data,j); send=j+ssz
                if sub==1:
                    cnt,j=leb(data,j)
                    for _ in range(cnt):
                        idx,j=leb(data,j); l,j=leb(data,j); names[idx]=data[j:j+l].decode('utf8','replace'); j+=l
                j=send
    else:
        secs.append((sid,sz))
        if sid==2:
            cnt,j=leb(data,i)
            for _ in range(cnt):
                l,j=leb(data,j); j+=l; l,j=leb(data,j); j+=l; k=data[j]; j+=1
                if k==0: _,j=leb(data,j); nimports+=1
                elif k==1: j+=1; f=data[j]; j+=1; _,j=leb(data,j); j= leb(data,j)[1] if f&1 else j
                elif k==2: f=data[j]; j+=1; _,j=leb(data,j); j= leb(data,j)[1] if f&1 else j
                elif k==3: j+=2
        if sid==10:
            cnt,j=leb(data,i)
            for k in range(cnt):
                l,j2=leb(data,j); bodies.append((nimports+k, l+(j2-j))); j=j2+l
    i=end
print('sections (id, bytes):', secs)
raw = [names.get(f, '?%d' % f) for f, _ in bodies]
filt = shutil.which('llvm-cxxfilt')
dm = subprocess.run([filt], input='\n'.join(raw), capture_output=True, text=True).stdout.split('\n') if filt else raw
rows=[(sz,dm[k]) for k,(f,sz) in enumerate(bodies)]
print('code total', sum(s for s,_ in rows), 'functions', len(rows))
for s,n in sorted(rows,reverse=True)[:N]: print(s, n[:160])
def bucket(n):
    if 'netready::Callback<' in n and 'Holder' in n: return 'callback'
    if n.startswith('netready::') or '(anonymous namespace)' in n and 'netready' in n: 
        m=re.match(r'netready::(?:\(anonymous namespace\)::)?([A-Za-z_]+)',n); return 'core'
    if 'emscripten' in n or 'embind' in n.lower(): return 'embind'
    if 'std::' in n: return 'libc++'
    return 'other'
b=collections.Counter()
for s,n in rows: b[bucket(n)]+=s
print(b.most_common())
if len(sys.argv)>3:
    for s,n in sorted(rows,reverse=True):
        if bucket(n)==sys.argv[3]: print(' ',s,n[:150])
