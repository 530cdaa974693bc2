; declapp's Windows installer (NSIS 3, Unicode). Built by packaging/build.py windows:
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.2.0 -DVERSION4=0.2.0.0 -DSRCDIR=<onedir>
;            -DICON=<app.ico> -DOUTFILE=<setup.exe> installer.nsi
;
; Per user, no administrator rights: everything goes under the user's own profile and
; HKEY_CURRENT_USER. A .json draft gets 绩效目标申报表 in its "打开方式" (Open with) list;
; the default program for .json files is left as it was.

Unicode true
!ifdef AMD64
  ; A 64-bit installer for a 64-bit program (it also runs under wine64, where the build
  ; tests it). Debian's NSIS has the amd64 stubs; the Windows NSIS download has only x86.
  Target amd64-unicode
!endif
ManifestDPIAware true
RequestExecutionLevel user
SetCompressor /SOLID lzma

!include "MUI2.nsh"
!include "FileFunc.nsh"

!ifndef VERSION | VERSION4 | SRCDIR | ICON | OUTFILE
  !error "run through packaging/build.py (VERSION, VERSION4, SRCDIR, ICON, OUTFILE)"
!endif

!define APPNAME "绩效目标申报表"
!define PROGID "declapp.draft"
!define UNINSTKEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\declapp"

Name "${APPNAME} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\declapp"
InstallDirRegKey HKCU "${UNINSTKEY}" "InstallLocation"
BrandingText "declapp ${VERSION}"

; The installer's own file properties carry the version too.
VIProductVersion "${VERSION4}"
VIFileVersion "${VERSION4}"
VIAddVersionKey /LANG=2052 "ProductName" "${APPNAME}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "FileDescription" "${APPNAME} ${VERSION} 安装程序"
VIAddVersionKey /LANG=2052 "CompanyName" "declapp"
VIAddVersionKey /LANG=2052 "LegalCopyright" "declapp (MIT)"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TITLE "安装${APPNAME} ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "本程序将把${APPNAME}安装到您自己的用户文件夹中，不需要管理员权限，也不需要联网。$\r$\n$\r$\n安装后可以在开始菜单和桌面找到“${APPNAME}”，也可以在草稿文件（.json）上单击右键，从“打开方式”中选择它。$\r$\n$\r$\n点击“下一步”继续。"
!define MUI_FINISHPAGE_RUN "$INSTDIR\declappw.exe"
!define MUI_FINISHPAGE_RUN_TEXT "现在打开${APPNAME}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Section "install"
  SetShellVarContext current
  ; An older version's library folder goes first: only this version's files remain.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${SRCDIR}\*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\${APPNAME}.lnk" "$INSTDIR\declappw.exe" "" "$INSTDIR\declappw.exe" 0
  CreateShortcut "$DESKTOP\${APPNAME}.lnk" "$INSTDIR\declappw.exe" "" "$INSTDIR\declappw.exe" 0

  ; "打开方式" for .json drafts: a ProgID of our own, listed under .json's OpenWithProgids.
  ; .json's default program (its "(默认)" value and UserChoice) is not touched.
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "${APPNAME}草稿"
  WriteRegStr HKCU "Software\Classes\${PROGID}" "FriendlyTypeName" "${APPNAME}草稿"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\declappw.exe,0"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open" "FriendlyAppName" "${APPNAME}"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\declappw.exe" "%1"'
  WriteRegStr HKCU "Software\Classes\.json\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKCU "Software\Classes\Applications\declappw.exe" "FriendlyAppName" "${APPNAME}"
  WriteRegStr HKCU "Software\Classes\Applications\declappw.exe\SupportedTypes" ".json" ""
  WriteRegStr HKCU "Software\Classes\Applications\declappw.exe\shell\open\command" "" '"$INSTDIR\declappw.exe" "%1"'

  ; 设置 → 应用 lists it, with its version, and can remove it.
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayName" "${APPNAME}"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTKEY}" "Publisher" "declapp"
  WriteRegStr HKCU "${UNINSTKEY}" "DisplayIcon" "$INSTDIR\declappw.exe,0"
  WriteRegStr HKCU "${UNINSTKEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTKEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTKEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTKEY}" "EstimatedSize" $0
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTKEY}" "NoRepair" 1

  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'  ; SHCNE_ASSOCCHANGED
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\${APPNAME}.lnk"
  Delete "$DESKTOP\${APPNAME}.lnk"
  DeleteRegValue HKCU "Software\Classes\.json\OpenWithProgids" "${PROGID}"
  DeleteRegKey /ifempty HKCU "Software\Classes\.json\OpenWithProgids"
  DeleteRegKey /ifempty HKCU "Software\Classes\.json"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
  DeleteRegKey HKCU "Software\Classes\Applications\declappw.exe"
  DeleteRegKey HKCU "${UNINSTKEY}"
  ; Only what the installer put there: a folder the clerk chose may hold other files.
  ; The clerk's drafts, settings (HKCU\Software\declapp) and recovery copies stay.
  Delete "$INSTDIR\declapp.exe"
  Delete "$INSTDIR\declappw.exe"
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
