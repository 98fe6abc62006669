@echo off
rem herald launcher for Windows: the same rules as bin/herald. The jar is lib\herald.jar (the
rem distribution) or target\herald.jar (the source tree); Java is the image's runtime\, else
rem JAVA_HOME, else the PATH, and must be 17 or newer. A launcher failure exits 2 (nothing was sent);
rem otherwise the exit code is herald's own. HERALD_JAVA_OPTS adds JVM options (e.g. -Xmx512m).
setlocal
set "HERALD_HOME=%~dp0.."
set "HERALD_JAR=%HERALD_HOME%\lib\herald.jar"
if exist "%HERALD_JAR%" goto findjava
set "HERALD_JAR=%HERALD_HOME%\target\herald.jar"
if exist "%HERALD_JAR%" goto findjava
echo herald: %HERALD_HOME%\lib\herald.jar is missing: this installation is incomplete; unpack the herald zip again 1>&2
exit /b 2

:findjava
set "JAVA_EXE=%HERALD_HOME%\runtime\bin\java.exe"
if exist "%JAVA_EXE%" goto run
if not defined JAVA_HOME goto javaonpath
set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
if exist "%JAVA_EXE%" goto checkversion
echo herald: herald needs Java 17 or newer, and JAVA_HOME (%JAVA_HOME%) has no bin\java.exe. Point JAVA_HOME at a Java 17+ installation, or unset it to use the java on the PATH. 1>&2
exit /b 2

:javaonpath
set "JAVA_EXE=java.exe"
where java.exe >nul 2>nul
if not errorlevel 1 goto checkversion
echo herald: herald needs Java 17 or newer, and found none: JAVA_HOME is not set and there is no java on the PATH. Install a Java 17+ runtime (for example Eclipse Temurin 17) or set JAVA_HOME. 1>&2
exit /b 2

:checkversion
rem `java -version` prints e.g.: openjdk version "17.0.15" 2025-04-15 (Java 8: "1.8.0_452")
set "JAVA_VERSION="
for /f "tokens=3" %%v in ('"%JAVA_EXE%" -version 2^>^&1 ^| findstr /i version') do if not defined JAVA_VERSION set "JAVA_VERSION=%%~v"
set "JAVA_MAJOR="
for /f "tokens=1,2 delims=.-+_" %%a in ("%JAVA_VERSION%") do (
  set "JAVA_MAJOR=%%a"
  if "%%a"=="1" set "JAVA_MAJOR=%%b"
)
if not defined JAVA_MAJOR goto unknownversion
set /a "JAVA_MAJOR_NUMBER=JAVA_MAJOR" 2>nul
if "%JAVA_MAJOR_NUMBER%"=="0" goto unknownversion
if %JAVA_MAJOR_NUMBER% GEQ 17 goto run
echo herald: herald needs Java 17 or newer; %JAVA_EXE% is Java %JAVA_VERSION%. Install Java 17+ and put it on the PATH or set JAVA_HOME to it. 1>&2
exit /b 2

:unknownversion
echo herald: herald needs Java 17 or newer, and could not tell which version %JAVA_EXE% is. Set JAVA_HOME to a Java 17+ installation. 1>&2
exit /b 2

:run
"%JAVA_EXE%" -XX:TieredStopAtLevel=1 -XX:+UseParallelGC -Xms32m -Xmn24m -Xlog:disable -Xlog:all=warning:stderr %HERALD_JAVA_OPTS% -jar "%HERALD_JAR%" %*
exit /b %ERRORLEVEL%
